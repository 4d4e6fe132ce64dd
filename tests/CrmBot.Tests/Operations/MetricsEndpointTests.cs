using System.Net;
using CrmBot.Core.Telemetry;
using CrmBot.Operations;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Operations;

[Collection(AppCollection.Name)]
public sealed class MetricsEndpointTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task Metrics_answers_this_machine_in_prometheus_text_with_the_turn_and_workload_figures()
    {
        await new ChatSession(app).SayAsync("can I pay with Klarna");
        await using (var db = app.NewDb())
        {
            await app.Services.GetRequiredService<WorkloadGauges>().RefreshAsync(db, default);
        }

        var response = await ScrapeAsync(IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.StartsWith("text/plain", response.Response.ContentType);
        var body = await new StreamReader(response.Response.Body).ReadToEndAsync();
        foreach (var metric in new[]
        {
            "crmbot_turn_duration_milliseconds_bucket{",
            "crmbot_turn_understanding_duration_milliseconds_count{",
            "crmbot_turn_store_duration_milliseconds_sum{",
            "crmbot_escalations_waiting{",
            "crmbot_conversations_active",
        })
        {
            Assert.Contains(metric, body);
        }
        Assert.Contains("crmbot_channel=\"test\"", body);
        Assert.Contains("crmbot_queue=\"general\"", body);
    }

    [Fact]
    public async Task Metrics_are_not_served_to_another_network()
    {
        var response = await ScrapeAsync(IPAddress.Parse("203.0.113.7"));

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_not_served_through_a_proxy_even_one_on_this_machine()
    {
        var response = await ScrapeAsync(IPAddress.Loopback, forwardedFor: "203.0.113.7");

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
    }

    // TestServer has no network connection: the caller's address is set on the request, as Kestrel would.
    private Task<HttpContext> ScrapeAsync(IPAddress caller, string? forwardedFor = null) =>
        app.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/metrics";
            http.Connection.RemoteIpAddress = caller;
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
}
