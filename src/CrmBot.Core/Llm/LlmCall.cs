using CrmBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Llm;

/// <summary>What a model exchange was for.</summary>
public enum LlmPurpose { Answer, Intent, Summary, Suggestions }

/// <summary>How a model exchange ended: used, or why the bot fell back to its offline behaviour.</summary>
public enum LlmOutcome { Used, Declined, Timeout, Failed, Malformed }

/// <summary>
/// One exchange with the language model (tool calls included): what for, in which conversation and turn, the tokens it
/// cost, how long it took and whether its answer was used. Holds no text, so no personal data.
/// </summary>
public class LlmCall
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>The customer message whose turn asked; null for the agent console's summaries and suggestions.</summary>
    public long? InteractionId { get; set; }
    public LlmPurpose Purpose { get; set; }
    public LlmOutcome Outcome { get; set; }
    public required string Model { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int LatencyMs { get; set; }
    /// <summary>Functions the model called (tool calls), refused ones included.</summary>
    public int ToolCalls { get; set; }
    public DateTimeOffset At { get; set; }

    public Conversation? Conversation { get; set; }
}

public sealed class LlmCallConfiguration : IEntityTypeConfiguration<LlmCall>
{
    public void Configure(EntityTypeBuilder<LlmCall> b)
    {
        b.ToTable("LlmCalls");
        b.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Model).HasMaxLength(100);
        b.HasOne(c => c.Conversation).WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ConversationId, c.At });
        b.HasIndex(c => c.At);
    }
}
