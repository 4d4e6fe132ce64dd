using CrmBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Review;

/// <summary>
/// A reviewer's correction of how a customer message was understood: the intent, the sentiment label or both. Kept
/// apart from the message (which keeps what the model said) and from the authored examples in dialogs/; the next
/// <c>train</c> adds the corrected messages to the training data. A message corrected twice keeps both rows; the
/// latest value of each label counts.
/// </summary>
public class LabelCorrection
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public Interaction? Interaction { get; set; }
    /// <summary>The intent the message should have had; null when only the sentiment was corrected.</summary>
    public string? Intent { get; set; }
    /// <summary>The sentiment label it should have had (negative, neutral, positive, angry); null when only the intent was corrected.</summary>
    public string? SentimentLabel { get; set; }
    /// <summary>What the model said, for reports on what reviewers change.</summary>
    public string? ModelIntent { get; set; }
    public string? ModelSentimentLabel { get; set; }
    /// <summary>The reviewer's staff user id, and their name as it was at the time.</summary>
    public required string CorrectedById { get; set; }
    public required string CorrectedByName { get; set; }
    public DateTimeOffset CorrectedAt { get; set; }
}

internal sealed class LabelCorrectionConfiguration : IEntityTypeConfiguration<LabelCorrection>
{
    public void Configure(EntityTypeBuilder<LabelCorrection> b)
    {
        b.ToTable("LabelCorrections");
        b.Property(c => c.Intent).HasMaxLength(60);
        b.Property(c => c.SentimentLabel).HasMaxLength(10);
        b.Property(c => c.ModelIntent).HasMaxLength(60);
        b.Property(c => c.ModelSentimentLabel).HasMaxLength(10);
        b.Property(c => c.CorrectedById).HasMaxLength(450);
        b.Property(c => c.CorrectedByName).HasMaxLength(100);
        b.HasIndex(c => new { c.InteractionId, c.Id });
        // A correction belongs to its message: when the message goes (a store reset), so does the correction.
        b.HasOne(c => c.Interaction).WithMany().HasForeignKey(c => c.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
