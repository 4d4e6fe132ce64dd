using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CrmBot.Core.Customers;

namespace CrmBot.Tests.Endpoints;

/// <summary>
/// Starting a web chat: the demo sign-in exists only in Development or when switched on explicitly, never tells which
/// emails are customers, and the session limit says when to come back. Each test runs its own app, configured as it needs.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WebChatSessionTests(CrmBotAppFixture trained)
{
    private const string UnknownEmail = "nobody.here@example.com";

    [Fact]
    public async Task Production_without_the_opt_in_has_no_demo_list_and_refuses_every_email_alike()
    {
        await WithAppAsync(Environments.Production, null, async (app, _) =>
        {
            using var client = app.CreateClient();

            using var list = await client.GetAsync("/api/demo/customers");
            var known = await StartSessionAsync(client, DemoDataSeeder.DemoCustomerEmail);
            var unknown = await StartSessionAsync(client, UnknownEmail);
            var guest = await StartSessionAsync(client, null);

            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, known.Status);
            Assert.Equal(known.Status, unknown.Status);
            Assert.Equal(known.Body, unknown.Body);
            Assert.Equal(HttpStatusCode.OK, guest.Status);
            Assert.Null(guest.Json["userName"]);
        });
    }

    [Fact]
    public async Task Demo_sign_in_is_on_in_development_and_takes_only_the_listed_demo_customers()
    {
        await WithAppAsync(Environments.Development, null, async (app, _) =>
        {
            using var client = app.CreateClient();
            var listed = (await client.GetFromJsonAsync<JsonArray>("/api/demo/customers"))!.Select(c => (string)c!["email"]!).ToList();
            string unlisted;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                unlisted = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Customers
                    .Where(c => !listed.Contains(c.Email)).OrderBy(c => c.Id).Select(c => c.Email).FirstAsync();
            }

            var alice = await StartSessionAsync(client, DemoDataSeeder.DemoCustomerEmail);
            var customerNotListed = await StartSessionAsync(client, unlisted);
            var unknown = await StartSessionAsync(client, UnknownEmail);

            Assert.Contains(DemoDataSeeder.DemoCustomerEmail, listed);
            Assert.Equal(HttpStatusCode.OK, alice.Status);
            Assert.Equal("Alice Morgan", (string)alice.Json["userName"]!);
            Assert.Equal(HttpStatusCode.BadRequest, customerNotListed.Status);
            Assert.Equal(customerNotListed.Status, unknown.Status);
            Assert.Equal(customerNotListed.Body, unknown.Body);
        });
    }

    [Fact]
    public async Task Explicit_opt_in_turns_the_demo_sign_in_on_in_production_with_a_warning()
    {
        await WithAppAsync(Environments.Production, new() { ["WebChat:DemoSignIn"] = "true" }, async (app, log) =>
        {
            using var client = app.CreateClient();

            using var list = await client.GetAsync("/api/demo/customers");
            var alice = await StartSessionAsync(client, DemoDataSeeder.DemoCustomerEmail);

            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Equal(HttpStatusCode.OK, alice.Status);
            Assert.Contains(log.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("WebChat:DemoSignIn", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Too_many_sessions_get_429_with_retry_after_and_a_reason()
    {
        await WithAppAsync(Environments.Production, new() { ["WebChat:SessionsPerMinute"] = "1" }, async (app, _) =>
        {
            using var client = app.CreateClient();

            var first = await StartSessionAsync(client, null);
            using var second = await client.PostAsJsonAsync("/api/chat/session", new { });

            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
            var retryAfter = second.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
            var problem = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Contains("per minute", (string)problem["detail"]!);
        });
    }

    private async Task WithAppAsync(string environment, Dictionary<string, string>? settings, Func<WebApplicationFactory<Program>, ErrorLog, Task> test)
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        var log = new ErrorLog(LogLevel.Warning);
        try
        {
            await using var handoff = new HandoffApp(dataDirectory, settings: settings, environment: environment);
            await using var app = handoff.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
            await test(app, log);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Json, string Body)> StartSessionAsync(HttpClient client, string? email)
    {
        using var response = await client.PostAsJsonAsync("/api/chat/session", new { customerEmail = email });
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // The trace id differs on every response, whoever asks; everything else must not depend on the email.
        json.Remove("traceId");
        return (response.StatusCode, json, json.ToJsonString());
    }
}
