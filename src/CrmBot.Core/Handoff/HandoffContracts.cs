using CrmBot.Core.Conversations;

namespace CrmBot.Core.Handoff;

/// <summary>Who a message to the customer is from when it is not the bot: the agent, by id and display name.</summary>
public sealed record ChannelSender(string Id, string Name)
{
    public static ChannelSender ForAgent(Agents.Agent agent) => new("agent:" + agent.Id, agent.DisplayName);
}

/// <summary>
/// Reaches a customer outside a turn, on the channel they wrote from (Web Chat through our Direct Line, Teams through
/// the Bot Connector). Implemented by the host, which knows the channels.
/// </summary>
public interface ICustomerChannel
{
    /// <summary>Sends a message; false when the conversation cannot be reached outside a turn (the terminal chat).</summary>
    Task<bool> SendAsync(Conversation conversation, BotMessage message, ChannelSender? sender, CancellationToken ct);

    Task SendTypingAsync(Conversation conversation, ChannelSender sender, CancellationToken ct);
}

/// <summary>Tells the back office (agent consoles, supervisors) what changed. Implemented by the host over SignalR.</summary>
public interface IHandoffNotifier
{
    /// <summary>Escalations were created, assigned or re-queued: consoles refetch their queues.</summary>
    Task QueueChangedAsync(CancellationToken ct);

    Task EscalationChangedAsync(EscalationSummary summary, CancellationToken ct);

    /// <summary>The bot just escalated a conversation: consoles refetch, and alerts (Teams) go out.</summary>
    Task EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct);

    /// <summary>A new transcript message in an escalated conversation; <paramref name="agentId"/> is its agent, null while it waits.</summary>
    Task MessageAsync(int escalationId, int? agentId, TranscriptMessage message, CancellationToken ct);

    Task CustomerTypingAsync(int escalationId, int? agentId, CancellationToken ct);
}

/// <summary>For hosts without a back office (the command-line chat): nobody to notify.</summary>
public sealed class NullHandoffNotifier : IHandoffNotifier
{
    public Task QueueChangedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task EscalationChangedAsync(EscalationSummary summary, CancellationToken ct) => Task.CompletedTask;
    public Task EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct) => Task.CompletedTask;
    public Task MessageAsync(int escalationId, int? agentId, TranscriptMessage message, CancellationToken ct) => Task.CompletedTask;
    public Task CustomerTypingAsync(int escalationId, int? agentId, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Somewhere outside the console to tell about new escalations (a Teams channel). Must return quickly: it runs at the
/// end of the customer's turn, so slow sends belong on a queue of the alert's own.
/// </summary>
public interface IAgentAlert
{
    ValueTask EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct);
}
