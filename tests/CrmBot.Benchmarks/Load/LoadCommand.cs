namespace CrmBot.Benchmarks.Load;

/// <summary>
/// The <c>load</c> verb: starts the server, measures the real bot, restarts it with the echo bot on the same data
/// directory and measures that, then prints both. Progress goes to standard error, the figures to standard output.
/// </summary>
internal static class LoadCommand
{
    public const string RealBot = "real";
    public const string EchoBot = "echo";

    private static readonly TimeSpan MemorySampleInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WarmupDuration = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, error) = LoadOptions.Parse(args);
        if (options is null || options.Help)
        {
            (options is null ? Console.Error : Console.Out).WriteLine(error is null ? LoadOptions.Usage : $"{error}\n\n{LoadOptions.Usage}");
            return options is null ? 2 : 0;
        }
        if (!File.Exists(options.ServerDll))
        {
            Console.Error.WriteLine($"The server {options.ServerDll} does not exist: build the benchmarks first, or pass --server.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        if (options.Urls.Count > 0)
        {
            try
            {
                List<BotLoadResult> measured = [await MeasureRunningAsync(options, cancel.Token)];
                Console.WriteLine(LoadReport.Table(options, measured));
                if (options.Json)
                {
                    Console.WriteLine(LoadReport.Json(options, measured));
                }
                return 0;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled.");
                return 130;
            }
        }
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "crmbot-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PrepareAsync(options.ServerDll, dataDirectory, cancel.Token);
            List<BotLoadResult> results =
            [
                await MeasureAsync(RealBot, options, dataDirectory, cancel.Token),
                await MeasureAsync(EchoBot, options, dataDirectory, cancel.Token),
            ];
            Console.WriteLine(LoadReport.Table(options, results));
            if (options.Json)
            {
                Console.WriteLine(LoadReport.Json(options, results));
            }
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        finally
        {
            if (options.DataDirectory is null && Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// A first start in a new data directory seeds the store and trains the models; it happens in a start of its own so
    /// that neither the time nor the memory it takes shows in the measured server.
    /// </summary>
    private static async Task PrepareAsync(string serverDll, string dataDirectory, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataDirectory, "crmbot.db")))
        {
            return;
        }
        Console.Error.WriteLine($"Preparing {dataDirectory} (first start: seeding and training)…");
        await using var server = await ServerProcess.StartAsync(serverDll, dataDirectory, echoBot: false, cancellationToken);
    }

    private static async Task<BotLoadResult> MeasureAsync(string bot, LoadOptions options, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(options.ServerDll, dataDirectory, echoBot: bot == EchoBot, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            // One request at a time per customer; the WebSockets have connections of their own.
            MaxConnectionsPerServer = options.Conversations + 8,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = options.ReplyTimeout + TimeSpan.FromSeconds(10),
        };
        var runner = new LoadRunner(http, [server.BaseUrl], options, TimeProvider.System);
        if (options.Warmup > 0)
        {
            Console.Error.WriteLine($"{bot} bot: server {server.BaseUrl} (pid {server.ProcessId}), warming up with {options.Warmup} conversations…");
            var warmup = await runner.RunAsync(bot, Math.Min(options.Conversations, options.Warmup), options.Warmup, WarmupDuration, firstScript: -options.Warmup, cancellationToken);
            if (warmup.ErrorCount > 0)
            {
                Console.Error.WriteLine($"  warm-up errors: {string.Join(", ", warmup.Errors.Select(e => $"{e.Key} {e.Value}"))}");
            }
        }

        Console.Error.WriteLine($"{bot} bot: {options.Conversations} concurrent conversations, {options.Turns} turns each, up to {options.MaxConversations} conversations or {options.Duration.TotalSeconds:0} s…");
        var startRss = ProcessMemory.ResidentBytes(server.ProcessId);
        var (serverCpu, ownCpu, loadBefore) = (server.ProcessorTime, Environment.CpuUsage.TotalTime, MachineLoad.OneMinuteAverage());
        await using var memory = ProcessMemory.StartSampling(server.ProcessId, MemorySampleInterval, TimeProvider.System);
        var result = await runner.RunAsync(bot, options.Conversations, options.MaxConversations, options.Duration, firstScript: 0, cancellationToken);
        var peakRss = await memory.StopAsync();
        Console.Error.WriteLine($"  {result.TurnsCompleted} turns in {result.Elapsed.TotalSeconds:0.0} s, {result.ErrorCount} errors");
        return result with
        {
            StartRssMegabytes = Megabytes(startRss),
            PeakRssMegabytes = Megabytes(peakRss),
            ServerCpu = server.ProcessorTime - serverCpu,
            LoadGeneratorCpu = Environment.CpuUsage.TotalTime - ownCpu,
            LoadAverage = (loadBefore, MachineLoad.OneMinuteAverage()) is ({ } before, { } after) ? (before, after) : null,
        };
    }

    /// <summary>
    /// The real bot on services already running (<c>--url</c>, one or several instances behind no balancer): warm-up,
    /// then the measured run; server CPU is the sum over <c>--server-pid</c>, memory is not measured.
    /// </summary>
    private static async Task<BotLoadResult> MeasureRunningAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Conversations + 8, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = options.ReplyTimeout + TimeSpan.FromSeconds(10),
        };
        var runner = new LoadRunner(http, options.Urls, options, TimeProvider.System);
        var urls = string.Join(", ", options.Urls);
        if (options.Warmup > 0)
        {
            Console.Error.WriteLine($"{urls}: warming up with {options.Warmup} conversations…");
            await runner.RunAsync(RealBot, Math.Min(options.Conversations, options.Warmup), options.Warmup, WarmupDuration, firstScript: -options.Warmup, cancellationToken);
        }
        Console.Error.WriteLine($"{urls}: {options.Conversations} concurrent conversations, {options.Turns} turns each, up to {options.MaxConversations} conversations or {options.Duration.TotalSeconds:0} s…");
        TimeSpan ServersCpu() => options.ServerPids.Aggregate(TimeSpan.Zero, (sum, pid) =>
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return sum + process.TotalProcessorTime;
        });
        var (serverCpu, ownCpu, loadBefore) = (ServersCpu(), Environment.CpuUsage.TotalTime, MachineLoad.OneMinuteAverage());
        var result = await runner.RunAsync(RealBot, options.Conversations, options.MaxConversations, options.Duration, firstScript: 0, cancellationToken);
        Console.Error.WriteLine($"  {result.TurnsCompleted} turns in {result.Elapsed.TotalSeconds:0.0} s, {result.ErrorCount} errors");
        return result with
        {
            ServerCpu = ServersCpu() - serverCpu,
            LoadGeneratorCpu = Environment.CpuUsage.TotalTime - ownCpu,
            LoadAverage = (loadBefore, MachineLoad.OneMinuteAverage()) is ({ } before, { } after) ? (before, after) : null,
        };
    }

    private static double? Megabytes(long? bytes) => bytes / (1024.0 * 1024.0);
}
