using CrmBot.BotFramework;
using CrmBot.BotFramework.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.BotFramework;

/// <summary>The combinations the SDK accepts for the <c>Bot</c> section (digest §3.3).</summary>
public sealed class BotOptionsTests
{
    [Fact]
    public void Empty_section_is_development_mode()
    {
        var options = Bind([]);

        Assert.True(options.IsAuthenticationDisabled);
        Assert.Equal(AuthenticationConstants.BotFrameworkOpenIdMetadataUrl, options.OpenIdMetadataUrl);
    }

    [Fact]
    public void App_type_is_read_ignoring_case_and_picks_the_tenant_authority()
    {
        var options = Bind(new()
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = "x",
            ["Bot:MicrosoftAppType"] = "singletenant",
            ["Bot:MicrosoftAppTenantId"] = FakeChannel.TenantId,
        });

        Assert.Equal(BotAppType.SingleTenant, options.MicrosoftAppType);
        Assert.Equal($"https://login.microsoftonline.com/{FakeChannel.TenantId}", options.LoginAuthority);
    }

    [Theory]
    [InlineData("SingleTenant", "x", null, "MicrosoftAppTenantId")]
    [InlineData("MultiTenant", null, null, "MicrosoftAppPassword")]
    [InlineData("UserAssignedMSI", "x", FakeChannel.TenantId, "no Bot:MicrosoftAppPassword")]
    [InlineData("SingleTenant", "x", "contoso.onmicrosoft.com", "GUID")]
    public void Incomplete_credentials_fail_validation_naming_the_missing_key(string appType, string? password, string? tenant, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = password,
            ["Bot:MicrosoftAppType"] = appType,
            ["Bot:MicrosoftAppTenantId"] = tenant,
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void App_id_that_is_not_a_guid_fails_validation() =>
        Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Bot:MicrosoftAppId"] = "my-bot", ["Bot:MicrosoftAppPassword"] = "x" }));

    [Theory]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("https://127.0.0.1/amer/", true)]
    [InlineData("http://[::1]:5000/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", false)]
    [InlineData("http://169.254.169.254/latest/", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Development_mode_replies_by_default_only_to_this_machine(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, Bind([]).AllowsServiceUrl(serviceUrl));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations", true)]
    [InlineData("https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/emea/", false)]
    [InlineData("http://localhost:3978/", false)]
    public void Allowed_service_urls_match_scheme_host_port_and_path_start(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, Bind(new() { ["Bot:AllowedServiceUrls:0"] = "https://smba.trafficmanager.net/emea/" }).AllowsServiceUrl(serviceUrl));

    [Fact]
    public void Allowed_service_url_that_is_not_an_http_url_fails_validation() =>
        Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Bot:AllowedServiceUrls:0"] = "smba.trafficmanager.net" }));

    [Fact]
    public void Plain_http_metadata_off_this_machine_fails_validation() =>
        Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Bot:OpenIdMetadataUrl"] = "http://login.example/keys" }));

    private static BotOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBotFrameworkConnector(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BotOptions>>().Value;
    }
}
