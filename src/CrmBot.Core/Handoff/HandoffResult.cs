namespace CrmBot.Core.Handoff;

public enum HandoffOutcome { Ok, NotFound, Forbidden, Conflict, Invalid }

/// <summary>The result of an agent's action: the value, or why it was refused in words the console can show.</summary>
public sealed record HandoffResult<T>(HandoffOutcome Outcome, T? Value, string? Problem)
{
    public static HandoffResult<T> Ok(T value) => new(HandoffOutcome.Ok, value, null);
    public static HandoffResult<T> Fail(HandoffOutcome outcome, string problem) => new(outcome, default, problem);
}

/// <summary>An agent message as stored, and whether the customer's channel took it.</summary>
public sealed record SentMessage(TranscriptMessage Message, bool Delivered);
