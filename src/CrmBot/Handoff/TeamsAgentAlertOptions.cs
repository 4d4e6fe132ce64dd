using System.ComponentModel.DataAnnotations;

namespace CrmBot.Handoff;

/// <summary>
/// The <c>AgentAlerts:Teams</c> section: where new escalations are announced in Microsoft Teams. Read only when
/// <see cref="Enabled"/> is true; then every other value is checked at start (<see cref="TeamsAgentAlertServiceCollectionExtensions.AddTeamsAgentAlerts"/>).
/// </summary>
public sealed class TeamsAgentAlertOptions
{
    public const string Section = "AgentAlerts:Teams";

    /// <summary>The Bot Connector's global Teams address, documented for proactive messages when no serviceUrl is known (digest §2.1).</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/teams/";

    public bool Enabled { get; set; }

    /// <summary>
    /// The Bot Connector of the team's region, as in the <c>serviceUrl</c> of any activity Teams sent from that tenant
    /// (e.g. <c>https://smba.trafficmanager.net/emea/</c>); empty means <see cref="DefaultServiceUrl"/>.
    /// </summary>
    public string ServiceUrl { get; set; } = DefaultServiceUrl;

    /// <summary>The agents' channel as a Teams conversation id, <c>19:…@thread.tacv2</c> (digest §5.1).</summary>
    [Required(ErrorMessage = "AgentAlerts:Teams:ChannelId is required: the agents' Teams channel id, like 19:…@thread.tacv2.")]
    public string ChannelId { get; set; } = "";

    /// <summary>The Microsoft Entra tenant the team belongs to, a GUID.</summary>
    [Required(ErrorMessage = "AgentAlerts:Teams:TenantId is required: the id (a GUID) of the tenant the team belongs to.")]
    public string TenantId { get; set; } = "";

    /// <summary>Public base URL of this service; the card links to <c>{ConsoleBaseUrl}/agent?escalation={id}</c>.</summary>
    [Required(ErrorMessage = "AgentAlerts:Teams:ConsoleBaseUrl is required: the public address of this service, for the card's link to the agent console.")]
    public string ConsoleBaseUrl { get; set; } = "";

    /// <summary>Alerts waiting to be sent; when full the oldest is dropped (a burst of escalations must not hold memory or delay turns).</summary>
    [Range(1, 10_000, ErrorMessage = "AgentAlerts:Teams:QueueCapacity must be between 1 and 10000.")]
    public int QueueCapacity { get; set; } = 100;

    /// <summary>Link to the escalation in the agent console.</summary>
    public Uri ConsoleLink(int escalationId) => new($"{ConsoleBaseUrl.TrimEnd('/')}/agent?escalation={escalationId}", UriKind.Absolute);

    // The Bot Connector client refuses to send the bot's token over plain HTTP except to this machine; fail at start, not on the first alert.
    internal static bool IsConnectorUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    internal static bool IsConsoleUrl(string? value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0 && uri.Fragment.Length == 0);
}
