using System.Diagnostics;

namespace CrmBot.Tests.DirectLine;

public sealed class TemporarySmokeTests
{
    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task Real_directlinejs_client(string mode)
    {
        await using var server = await DirectLineTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:MaxStreamsPerConversation"] = "1" });
        var start = new ProcessStartInfo("node", ["/tmp/dlsmoke/smoke.cjs", server.BaseAddress.ToString().TrimEnd('/'), DirectLineTestServer.Secret, mode])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.WriteAllText($"/tmp/dlsmoke/{mode}.log", output + error);
        Assert.True(process.ExitCode == 0, output + error);
    }
}
