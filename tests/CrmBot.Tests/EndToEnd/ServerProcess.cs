using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The real service (<c>CrmBot.dll</c> of the test output) as a child process in Production, on a loopback port and a
/// data directory the caller owns. It can be killed without warning and started again on the same store and port, as
/// an operator's restart after a crash would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>What .NET reports as the exit code of a process ended by signal 9 (128 + the signal number).</summary>
    private const int KilledBySigkill = 128 + 9;

    // A first start trains the models without a sentence cache; with the whole suite running beside it on a busy 2-core
    // machine the intent model alone took 201 s, so 4 minutes was not always enough.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private ServerProcess(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        DataDirectory = dataDirectory;
        _settings = settings;
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
    }

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash; the same after a restart.</summary>
    public string BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The server's console output so far, every run of it, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server and returns once <c>/health</c> answers 200. <paramref name="settings"/> are configuration keys
    /// (<c>WebChat:SessionsPerMinute</c>), passed as the service's environment variables. Without models in the data
    /// directory the first start seeds and trains, which takes a minute or more.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        // The suite's store first (on PostgreSQL, the data directory's database), then the caller's settings.
        var all = new Dictionary<string, string>(await TestDatabases.SettingsForAsync(dataDirectory, seededAt: DateTimeOffset.UtcNow));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var server = new ServerProcess(dataDirectory, all);
        try
        {
            await server.RunAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Ends the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): no shutdown hooks, no draining of
    /// queued work, no flushing, as in a power cut or an OOM kill. Fails if the process ended any other way.
    /// </summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        process.Kill();
        await process.WaitForExitAsync();
        var exitCode = process.ExitCode;
        process.Dispose();
        _process = null;
        Append($"--- killed with SIGKILL (exit code {exitCode}) ---");
        if (exitCode != KilledBySigkill)
        {
            throw new InvalidOperationException($"The server exited with code {exitCode}, not by SIGKILL ({KilledBySigkill}).");
        }
    }

    /// <summary>Starts the server again on the same data directory and port, after <see cref="KillAsync"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The server is still running; kill it first.");
        }
        Append("--- restarting ---");
        return RunAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "CrmBot.dll"), "--urls", BaseUrl },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CRMBOT_Storage__DataDirectory"] = DataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // No demo history unless the settings ask for it: it costs a start ~20 s.
        start.Environment["CRMBOT_DemoHistory__Days"] = "0";
        foreach (var (key, value) in _settings)
        {
            start.Environment["CRMBOT_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilHealthyAsync(process, cancellationToken);
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the first start seeds the store and trains the models.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // That request timed out; the server is busy starting.
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"The server did not become healthy within {StartTimeout.TotalMinutes:0} minutes:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            _process = null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
