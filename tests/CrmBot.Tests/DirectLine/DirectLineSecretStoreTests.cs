using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.DirectLine;

public sealed class DirectLineSecretStoreTests
{
    [Fact]
    public void Generated_secret_is_kept_readable_by_its_owner_only_and_reused()
    {
        var directory = DirectLineTestServer.NewDataDirectory();
        var file = Path.Combine(directory, "directline.secret");
        try
        {
            var first = new DirectLineSecretStore(file).ReadOrCreate();
            var second = new DirectLineSecretStore(file).ReadOrCreate();

            Assert.Equal(first, second);
            Assert.True(first.Length >= 43, "256 bits in URL-safe base64 are 43 characters.");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    [Fact]
    public async Task Server_without_a_configured_secret_uses_the_generated_one_across_restarts()
    {
        var directory = DirectLineTestServer.NewDataDirectory();
        var file = Path.Combine(directory, "directline.secret");
        var settings = new Dictionary<string, string?> { ["DirectLine:Secret"] = "", ["DirectLine:SecretFile"] = file };
        try
        {
            string token, id;
            await using (var first = await DirectLineTestServer.StartAsync(directory, settings))
            {
                using var start = await first.SendAsync(HttpMethod.Post, "/v3/directline/conversations", File.ReadAllText(file));
                var conversation = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
                token = (string)conversation["token"]!;
                id = (string)conversation["conversationId"]!;
            }

            await using var second = await DirectLineTestServer.StartAsync(directory, settings);
            using var response = await second.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=", token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }
}
