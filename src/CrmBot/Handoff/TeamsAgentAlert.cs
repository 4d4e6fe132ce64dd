using System.Text.Json.Nodes;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.Schema;
using CrmBot.Core.Handoff;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBot.Handoff;

/// <summary>
/// Announces each new escalation as an Adaptive Card in the agents' Teams channel. The customer's turn only queues the
/// alert (<see cref="ITeamsAlertQueue"/>: in memory for one process, a Redis stream for several, where alerts survive a
/// crash and are sent at least once); this service's own loop sends them one by one as new channel threads through
/// the Bot Connector, whose client retries transient failures. A failed alert is logged and skipped: alerts are a
/// convenience next to the console, never a reason to fail a turn or stop the service. Thread-safe singleton.
/// </summary>
public sealed partial class TeamsAgentAlert : BackgroundService, IAgentAlert
{
    private readonly ITeamsAlertQueue queue;
    private readonly ConnectorClient connector;
    private readonly TeamsAgentAlertOptions options;
    private readonly string botId;
    private readonly ILogger<TeamsAgentAlert> logger;

    public TeamsAgentAlert(ITeamsAlertQueue queue, ConnectorClient connector, IOptions<TeamsAgentAlertOptions> options, IOptions<BotOptions> botOptions, ILogger<TeamsAgentAlert> logger)
    {
        this.queue = queue;
        this.connector = connector;
        this.options = options.Value;
        this.logger = logger;

        // The bot's Teams id is its app id with the 28: prefix (digest §5.1).
        botId = "28:" + botOptions.Value.MicrosoftAppId;
    }

    public ValueTask EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return queue.EnqueueAsync(summary, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in queue.ReadAllAsync(stoppingToken))
        {
            var escalation = alert.Escalation;
            try
            {
                await SendAsync(escalation, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Retries already happened in the Connector client; the console still shows the escalation.
                LogFailed(logger, e, escalation.Reference, escalation.Id, (e as ErrorResponseException)?.OperationId);
            }
            // Not when stopping mid-send: a durable queue then delivers the alert again (at least once).
            await queue.CompleteAsync(alert, stoppingToken);
        }
    }

    /// <summary>
    /// A new thread in the channel (SDK TeamsInfo.SendMessageToTeamsChannelAsync; digest §5.3): create-conversation with
    /// the card as its first activity. The answer's <c>activityId</c> says the activity was posted ("ID of the Activity
    /// (if sent)", Connector swagger); without it, the card is sent to the new conversation.
    /// </summary>
    private async Task SendAsync(EscalationSummary escalation, CancellationToken ct)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Attachments = [TeamsAgentAlertCard.Create(escalation, options.ConsoleLink(escalation.Id))] };
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = new ChannelAccount { Id = botId },
            TenantId = options.TenantId,
            Activity = activity,
            ChannelData = new JsonObject
            {
                ["channel"] = new JsonObject { ["id"] = options.ChannelId },
                ["tenant"] = new JsonObject { ["id"] = options.TenantId },
            },
        };

        var created = await connector.CreateConversationAsync(options.ServiceUrl, parameters, ct);
        if (string.IsNullOrEmpty(created.ActivityId))
        {
            await connector.SendToConversationAsync(created.ServiceUrl ?? options.ServiceUrl, created.Id, activity, ct);
        }

        LogSent(logger, escalation.Reference, escalation.Id, created.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post the Teams alert for escalation {Reference} ({EscalationId}); Connector operation {OperationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reference, int escalationId, string? operationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the Teams alert for escalation {Reference} ({EscalationId}) as conversation {TeamsConversationId}")]
    private static partial void LogSent(ILogger logger, string reference, int escalationId, string teamsConversationId);
}

/// <summary>Registration of <see cref="TeamsAgentAlert"/>, kept next to it.</summary>
public static class TeamsAgentAlertServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Teams alert when <c>AgentAlerts:Teams:Enabled</c> is true, with its options validated at start
    /// (Teams needs a real bot identity, so <c>Bot:MicrosoftAppId</c> too); otherwise registers nothing. Needs
    /// <c>AddBotFrameworkConnector</c> for the Connector client.
    /// </summary>
    public static IServiceCollection AddTeamsAgentAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TeamsAgentAlertOptions.Section);
        if (!section.GetValue<bool>(nameof(TeamsAgentAlertOptions.Enabled)))
        {
            return services;
        }

        services.AddOptions<TeamsAgentAlertOptions>().Bind(section)
            .PostConfigure(o => o.ServiceUrl = string.IsNullOrWhiteSpace(o.ServiceUrl) ? TeamsAgentAlertOptions.DefaultServiceUrl : o.ServiceUrl)
            .ValidateDataAnnotations()
            .Validate(o => TeamsAgentAlertOptions.IsConnectorUrl(o.ServiceUrl),
                "AgentAlerts:Teams:ServiceUrl must be an absolute https URL, the Bot Connector of the team's region (e.g. https://smba.trafficmanager.net/emea/).")
            .Validate(o => string.IsNullOrEmpty(o.ChannelId) || o.ChannelId.StartsWith("19:", StringComparison.Ordinal),
                "AgentAlerts:Teams:ChannelId must be a Teams channel id, starting with 19: (like 19:…@thread.tacv2).")
            .Validate(o => string.IsNullOrEmpty(o.TenantId) || Guid.TryParse(o.TenantId, out _),
                "AgentAlerts:Teams:TenantId must be the tenant's id (a GUID).")
            .Validate(o => TeamsAgentAlertOptions.IsConsoleUrl(o.ConsoleBaseUrl),
                "AgentAlerts:Teams:ConsoleBaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://support.example.com.")
            .Validate<IOptions<BotOptions>>((_, bot) => !bot.Value.IsAuthenticationDisabled,
                "AgentAlerts:Teams needs Bot:MicrosoftAppId (and its credentials): Teams accepts messages only from a registered bot.")
            .ValidateOnStart();

        services.TryAddSingleton<ITeamsAlertQueue, InProcessTeamsAlertQueue>();
        services.TryAddSingleton<TeamsAgentAlert>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentAlert, TeamsAgentAlert>(sp => sp.GetRequiredService<TeamsAgentAlert>()));
        services.AddHostedService(sp => sp.GetRequiredService<TeamsAgentAlert>());
        return services;
    }
}
