using System.Diagnostics;

namespace CrmBot.Tests.EndToEnd;

/// <summary>The official botframework-directlinejs client (npm), run by Node against the real server process.</summary>
[Collection(ServerCollection.Name)]
public class DirectLineClientTests(ServerProcessFixture server)
{
    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task Direct_Line_client_verifies_tracks_an_order_gets_a_carousel_and_cannot_read_another_conversation(string mode)
    {
        var e2e = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "e2e"));
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "directline-client.mjs", server.BaseUrl, mode },
            WorkingDirectory = e2e,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}\n{await output}\n{await errors}\n--- server log ---\n{server.Log}");
        Assert.Contains($"PASS ({mode})", await output);
    }
}
