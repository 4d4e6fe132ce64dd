using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.Tests.Handoff;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CrmBot.Tests.BotFramework;

/// <summary>Inbound JWT validation through <c>POST /api/messages</c> (digest §3.1, §6.2), with keys served by the fake channel.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeChannel channel = null!;
    private BotHost host = null!;
    private readonly RecordingBot bot = new();

    public async Task InitializeAsync()
    {
        channel = await FakeChannel.StartAsync("msteams");
        host = await BotHost.StartSecuredAsync(channel, bot);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await channel.DisposeAsync();
    }

    private string TeamsMessage(string? channelId = null)
    {
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        if (channelId is not null)
        {
            activity["channelId"] = channelId;
        }

        return activity.ToJsonString();
    }

    [Fact]
    public async Task Valid_channel_token_runs_the_turn_and_answers_200()
    {
        var response = await host.PostAsync(TeamsMessage(), channel.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Turns);
    }

    [Fact]
    public async Task Token_with_wrong_audience_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(audience: "9a7c3a8e-0000-4000-8000-000000000000"), "audience");

    [Fact]
    public async Task Token_with_wrong_issuer_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(issuer: "https://evil.example"), "issuer");

    [Fact]
    public async Task Token_expired_beyond_the_clock_skew_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(expiresIn: TimeSpan.FromMinutes(-10)), "expired");

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_still_accepted()
    {
        var response = await host.PostAsync(TeamsMessage(), channel.CreateToken(expiresIn: TimeSpan.FromMinutes(-2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unsigned_token_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateUnsignedToken(), reason: null);

    [Fact]
    public async Task Token_signed_with_another_key_under_the_same_key_id_is_rejected_and_no_turn_runs()
    {
        using var otherRsa = RSA.Create(2048);
        var forged = new SigningCredentials(new RsaSecurityKey(otherRsa) { KeyId = FakeChannel.KeyId }, SecurityAlgorithms.RsaSha256);

        await AssertRejectedAsync(channel.CreateToken(signingCredentials: forged), "signature");
    }

    [Fact]
    public async Task Token_signed_with_an_unknown_key_is_rejected_and_no_turn_runs()
    {
        using var otherRsa = RSA.Create(2048);
        var unknown = new SigningCredentials(new RsaSecurityKey(otherRsa) { KeyId = "rolled-over-key" }, SecurityAlgorithms.RsaSha256);

        await AssertRejectedAsync(channel.CreateToken(signingCredentials: unknown), reason: null);

        // Keys roll over, so an unknown key id makes the bot fetch the key set again (digest §3.1 step 2).
        for (var i = 0; i < 100 && KeySetFetches() < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, KeySetFetches());
    }

    private int KeySetFetches() => channel.Requests.Count(r => r.Path == "/v1/.well-known/keys");

    [Fact]
    public async Task Token_signed_with_a_shared_secret_is_rejected_and_no_turn_runs()
    {
        var hmac = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-shared-secret-of-at-least-32-bytes!")) { KeyId = FakeChannel.KeyId }, SecurityAlgorithms.HmacSha256);

        await AssertRejectedAsync(channel.CreateToken(signingCredentials: hmac), reason: null);
    }

    [Fact]
    public async Task Token_signed_by_the_channel_key_with_a_non_RS_algorithm_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(signingCredentials: new SigningCredentials(channel.SigningKey, SecurityAlgorithms.RsaSsaPssSha256)), reason: null);

    [Fact]
    public async Task Token_vouching_for_another_serviceUrl_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(serviceUrl: "https://smba.trafficmanager.net/emea/"), "serviceurl");

    [Fact]
    public async Task Token_whose_key_is_not_endorsed_for_the_channel_is_rejected_and_no_turn_runs() =>
        await AssertRejectedAsync(channel.CreateToken(), "endorsed", TeamsMessage(channelId: "webchat"));

    [Fact]
    public async Task Request_without_a_token_is_rejected_when_an_app_id_is_configured() =>
        await AssertRejectedAsync(token: null, "Authorization");

    [Fact]
    public async Task Unauthenticated_caller_gets_401_even_for_a_malformed_body()
    {
        var response = await host.PostAsync("{ not json", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unreachable_key_metadata_is_a_503_with_retry_after_and_one_warning_not_a_stack_trace_per_request()
    {
        var logs = new ErrorLog(LogLevel.Warning);
        await using var deadMetadata = await BotHost.StartSecuredAsync(channel, bot, new Dictionary<string, string?>
        {
            ["Bot:OpenIdMetadataUrl"] = $"http://127.0.0.1:{ClosedPort()}/v1/.well-known/openidconfiguration",
        }, logs);

        var responses = new List<HttpResponseMessage>();
        for (int i = 0; i < 3; i++)
        {
            responses.Add(await deadMetadata.PostAsync(TeamsMessage(), channel.CreateToken()));
        }

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.Contains("metadata", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        }
        Assert.Empty(bot.Turns);
        Assert.Single(logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entra_token_issued_to_the_bot_by_its_tenant_is_accepted()
    {
        await using var singleTenant = await BotHost.StartSecuredAsync(channel, bot, new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppType"] = "singletenant",
            ["Bot:MicrosoftAppTenantId"] = FakeChannel.TenantId,
        });
        var token = channel.CreateToken(
            issuer: $"https://login.microsoftonline.com/{FakeChannel.TenantId}/v2.0",
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = FakeChannel.AppId });

        var response = await singleTenant.PostAsync(TeamsMessage(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Entra_token_issued_to_another_app_is_rejected_and_no_turn_runs()
    {
        var token = channel.CreateToken(
            issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
            extraClaims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "0c9a7e51-0000-4000-8000-000000000000" });

        await AssertRejectedAsync(token, "app id");
    }

    [Fact]
    public async Task Replies_carry_the_outbound_bearer_token_when_an_app_id_is_configured()
    {
        await using var replying = await BotHost.StartSecuredAsync(channel, new RecordingBot((turn, ct) => turn.SendActivityAsync(new() { Type = "message", Text = "hi" }, ct)));

        await replying.PostAsync(TeamsMessage(), channel.CreateToken());

        var call = Assert.Single(channel.ConnectorCalls);
        Assert.Equal($"Bearer {BotHost.OutboundToken}", call.Authorization);
    }

    private async Task AssertRejectedAsync(string? token, string? reason, string? body = null)
    {
        var response = await host.PostAsync(body ?? TeamsMessage(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Turns);
        Assert.Empty(channel.ConnectorCalls);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var detail = problem["detail"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        if (reason is not null)
        {
            Assert.Contains(reason, detail, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
