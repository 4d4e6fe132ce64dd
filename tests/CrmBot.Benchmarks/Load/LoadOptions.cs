using System.Globalization;

namespace CrmBot.Benchmarks.Load;

/// <summary>The <c>load</c> verb's options; every limit has a default so the bare verb is a sensible run.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/CrmBot.Benchmarks -- load [options]

        Starts the server (tests/CrmBot.Benchmarks output, CrmBot.dll) on a loopback port, drives concurrent Direct Line
        conversations against the real bot, then against the echo bot (Benchmark:EchoBot=true) on the same endpoint,
        and prints throughput, reply latency, errors and the server's peak memory for both.

          --conversations N      concurrent conversations (default 50); each customer starts a new one when it ends
          --turns N              customer messages per conversation (default 5)
          --max-conversations N  conversations started at most, per bot (default 1000)
          --duration SECONDS     longest measured run per bot (default 120); unfinished turns are not counted
          --reply-timeout SEC    a reply slower than this is an error (default 20)
          --warmup N             conversations run before measuring, not counted (default 10)
          --seed N               picks the customer scripts (default 1)
          --server PATH          CrmBot.dll to start (default: the one next to this benchmark)
          --data-dir PATH        data directory to use and keep (default: a temp folder, deleted at the end)
          --url URL              drive an already running service instead of starting one (repeat for several
                                 instances: conversation n streams from instance n mod count and posts to each in
                                 turn); the real bot only, no echo run
          --server-pid PID       with --url: a server process whose CPU time to count (repeat per instance)
          --json                 print one JSON object with all figures as the last line
        """;

    public int Conversations { get; init; } = 50;
    public int Turns { get; init; } = 5;
    public int MaxConversations { get; init; } = 1000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(20);
    public int Warmup { get; init; } = 10;
    public int Seed { get; init; } = 1;
    public string ServerDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "CrmBot.dll");
    public string? DataDirectory { get; init; }
    public bool Json { get; init; }
    public IReadOnlyList<Uri> Urls { get; init; } = [];
    public IReadOnlyList<int> ServerPids { get; init; } = [];
    public bool Help { get; init; }

    /// <summary>The options, or the reason the arguments are not valid.</summary>
    public static (LoadOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--json" or "--help" or "-h")
            {
                options = name == "--json" ? options with { Json = true } : options with { Help = true };
                continue;
            }
            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value.");
            }
            var value = args[++i];
            (options, var error) = name switch
            {
                "--conversations" => Int(value, 1, 10_000, n => options with { Conversations = n }),
                "--turns" => Int(value, 1, 100, n => options with { Turns = n }),
                "--max-conversations" => Int(value, 1, 100_000, n => options with { MaxConversations = n }),
                "--duration" => Int(value, 1, 3600, n => options with { Duration = TimeSpan.FromSeconds(n) }),
                "--reply-timeout" => Int(value, 1, 600, n => options with { ReplyTimeout = TimeSpan.FromSeconds(n) }),
                "--warmup" => Int(value, 0, 10_000, n => options with { Warmup = n }),
                "--seed" => Int(value, 0, int.MaxValue, n => options with { Seed = n }),
                "--server" => (options with { ServerDll = Path.GetFullPath(value) }, null),
                "--data-dir" => (options with { DataDirectory = Path.GetFullPath(value) }, null),
                "--url" => Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                    ? (options with { Urls = [.. options.Urls, url] }, null)
                    : (options, $"expected an absolute http(s) URL, got '{value}'."),
                "--server-pid" => Int(value, 1, int.MaxValue, n => options with { ServerPids = [.. options.ServerPids, n] }),
                _ => (options, $"Unknown option {name}."),
            };
            if (error is not null)
            {
                return (null, $"{name}: {error}");
            }
        }
        return (options, null);
    }

    private static (LoadOptions Options, string? Error) Int(string value, int min, int max, Func<int, LoadOptions> apply) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? (apply(n), null)
            : (apply(min), $"expected a whole number from {min} to {max}, got '{value}'.");
}
