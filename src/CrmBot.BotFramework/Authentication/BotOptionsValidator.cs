using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// The combinations the SDK's ConfigurationServiceClientCredentialFactory accepts (digest §3.3): MultiTenant needs
/// id + password; SingleTenant needs id + password + tenant; UserAssignedMSI needs id + tenant and no password.
/// </summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        CheckMetadataUrl(nameof(BotOptions.OpenIdMetadataUrl), options.OpenIdMetadataUrl, failures);
        CheckMetadataUrl(nameof(BotOptions.EntraOpenIdMetadataUrl), options.EntraOpenIdMetadataUrl, failures);
        if (options.TokenClockSkew < TimeSpan.Zero || options.TokenClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("Bot:TokenClockSkew must be between 0 and 10 minutes.");
        }

        if (options.ConnectorMaxRetries is < 0 or > 10)
        {
            failures.Add("Bot:ConnectorMaxRetries must be between 0 and 10.");
        }

        if (options.ConnectorTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("Bot:ConnectorTimeout must be at least one second.");
        }

        if (options.MaxActivityBytes is < 4 * 1024 or > 4 * 1024 * 1024)
        {
            failures.Add("Bot:MaxActivityBytes must be between 4096 and 4194304 bytes.");
        }

        foreach (var allowed in options.AllowedServiceUrls)
        {
            if (!Uri.TryCreate(allowed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Bot:AllowedServiceUrls: '{allowed}' is not an absolute http or https URL.");
            }
        }

        if (options.IsAuthenticationDisabled)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add("Bot:MicrosoftAppId must be the Azure Bot's app id (a GUID), or empty for development mode.");
        }

        var hasPassword = !string.IsNullOrEmpty(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);
        switch (options.MicrosoftAppType)
        {
            case BotAppType.MultiTenant when !hasPassword:
                failures.Add("Bot:MicrosoftAppPassword is required for a MultiTenant bot.");
                break;
            case BotAppType.SingleTenant when !hasPassword || !hasTenant:
                failures.Add("A SingleTenant bot needs Bot:MicrosoftAppPassword and Bot:MicrosoftAppTenantId.");
                break;
            case BotAppType.UserAssignedMSI when hasPassword || !hasTenant:
                failures.Add("A UserAssignedMSI bot needs Bot:MicrosoftAppTenantId and no Bot:MicrosoftAppPassword.");
                break;
        }

        // Tenant issuers are built from the id, so a domain name here would silently reject every tenant-issued token.
        if (hasTenant && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add("Bot:MicrosoftAppTenantId must be the tenant's id (a GUID).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckMetadataUrl(string key, string? value, List<string> failures)
    {
        // Signing keys fetched over plain HTTP could be swapped in transit; loopback is allowed for tests.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            failures.Add($"Bot:{key} must be an absolute https URL (http only on loopback).");
        }
    }
}
