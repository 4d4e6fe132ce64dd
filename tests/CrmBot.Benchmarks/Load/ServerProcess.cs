using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmBot.Benchmarks.Load;

/// <summary>
/// The real service as a child process on a free loopback port (as the end-to-end tests start it), configured for a
/// load run: its own data directory, the web chat session limit raised, Warning-level logging, and optionally the
/// echo bot. Killed on dispose. The last lines of its output are kept for error messages.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The most the web chat session limit accepts (WebChatOptions' range); all load comes from one address.</summary>
    private const int SessionsPerMinute = 10_000;

    private const int KeptOutputLines = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly Process process;
    private readonly Queue<string> output = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>CPU time the server has used so far, user and system.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output);
            }
        }
    }

    /// <summary>Starts the server and returns once <c>/health</c> answers 200; the first start in a data directory seeds and trains.</summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string dataDirectory, bool echoBot, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--urls", baseUrl.GetLeftPart(UriPartial.Authority) },
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CRMBOT_Storage__DataDirectory"] = dataDirectory;
        start.Environment["CRMBOT_WebChat__SessionsPerMinute"] = SessionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CRMBOT_Logging__LogLevel__Default"] = "Warning";
        // The load test measures turns; the demo history would add ~20 s to each server start.
        start.Environment["CRMBOT_DemoHistory__Days"] = "0";
        start.Environment["CRMBOT_Benchmark__EchoBot"] = echoBot ? "true" : "false";

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process."), baseUrl);
        server.process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // That request timed out; the server is busy starting.
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The server was not healthy after {StartTimeout.TotalMinutes} minutes:{Environment.NewLine}{RecentOutput}");
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
