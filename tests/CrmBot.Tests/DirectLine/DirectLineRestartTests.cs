using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.DirectLine;

/// <summary>Conversations live in the store, so a restarted server continues them where they were (DESIGN §7).</summary>
public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task History_and_watermark_continue_after_a_restart()
    {
        var dataDirectory = DirectLineTestServer.NewDataDirectory();
        try
        {
            string id, token, watermark, firstId;
            await using (var before = await DirectLineTestServer.StartAsync(dataDirectory))
            {
                var conversation = await before.StartConversationAsync();
                id = (string)conversation["conversationId"]!;
                token = (string)conversation["token"]!;
                firstId = await before.PostMessageAsync(token, id, "before the restart");
                await before.PollUntilAsync(token, id, received => received.Count >= 2);
                watermark = (string)(await before.GetActivitiesAsync(token, id))["watermark"]!;
            }

            await using var after = await DirectLineTestServer.StartAsync(dataDirectory);
            var history = await after.GetActivitiesAsync(token, id);
            var nothingNew = await after.GetActivitiesAsync(token, id, watermark);
            var secondId = await after.PostMessageAsync(token, id, "after the restart");
            var newer = await after.PollUntilAsync(token, id, received => received.Count >= 2, watermark);

            Assert.Equal(["before the restart", "echo: before the restart"], history["activities"]!.AsArray().Select(a => (string?)a!["text"]));
            Assert.Equal(watermark, (string)history["watermark"]!);
            Assert.Empty(nothingNew["activities"]!.AsArray());
            Assert.Equal(long.Parse(watermark) + 1, long.Parse(secondId.Split('|')[1]));
            Assert.True(string.CompareOrdinal(secondId, firstId) > 0);
            Assert.Equal(["after the restart", "echo: after the restart"], newer.Select(a => (string?)a["text"]));
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }
}
