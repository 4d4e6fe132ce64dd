namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// How the Azure Bot resource identifies the bot (Azure Bot Service setting <c>MicrosoftAppType</c>, parsed
/// case-insensitively as the SDK's ConfigurationServiceClientCredentialFactory does; digest §3.3).
/// </summary>
public enum BotAppType
{
    /// <summary>App registration usable from any tenant; tokens come from the botframework.com tenant.</summary>
    MultiTenant,

    /// <summary>App registration in one tenant; tokens come from <c>MicrosoftAppTenantId</c>.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity of the host; no password.</summary>
    UserAssignedMSI,
}
