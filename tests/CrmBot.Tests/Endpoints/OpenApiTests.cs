using System.Net;
using System.Text.Json.Nodes;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.Endpoints;

[Collection(AppCollection.Name)]
public class OpenApiTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task OpenApi_document_describes_the_chat_and_agent_apis()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.Contains("/api/chat/session", paths.Select(p => p.Key));
        Assert.Contains("/api/agent/queue", paths.Select(p => p.Key));
        Assert.Contains("/api/agent/escalations/{id}/resolve", paths.Select(p => p.Key));
        Assert.DoesNotContain("/login", paths.Select(p => p.Key));
    }
}
