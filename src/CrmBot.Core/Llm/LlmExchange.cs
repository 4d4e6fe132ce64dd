namespace CrmBot.Core.Llm;

/// <summary>
/// How one exchange with the model went: its text (personal data restored) when <see cref="Outcome"/> is
/// <see cref="LlmOutcome.Used"/>, the tokens and time it cost, the functions it called, and the
/// escalation one of them opened.
/// </summary>
public sealed record LlmExchange(string? Text, LlmOutcome Outcome, int PromptTokens, int CompletionTokens, int LatencyMs, int ToolCalls)
{
    public Escalations.EscalationTicket? Escalation { get; init; }

    public bool Succeeded => Outcome == LlmOutcome.Used && Text is not null;
}
