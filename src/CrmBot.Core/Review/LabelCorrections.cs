using CrmBot.Core.Conversations;
using CrmBot.Core.Models;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmBot.Core.Review;

/// <summary>Why a correction was refused, in words for the reviewer; <see cref="Field"/> names the field at fault, if one is.</summary>
public sealed record CorrectionRefusal(CorrectionProblem Problem, string Detail, string? Field = null);

public enum CorrectionProblem { NotFound, Invalid }

/// <summary>
/// Reviewers' corrections of intents and sentiment labels: checked against the labels the loaded models know, stored
/// with who and when, shown in transcripts, and read back as training examples for the next <c>train</c>.
/// Stateless; a DI singleton.
/// </summary>
public sealed class LabelCorrections(MessageUnderstander understander, TimeProvider time, ILogger<LabelCorrections> logger)
{
    /// <summary>The labels a reviewer may choose: those of the loaded models, so a correction is always something the next model can learn.</summary>
    public ReviewLabels Labels() => new(
        [.. understander.IntentLabels.Order(StringComparer.Ordinal)],
        [.. understander.SentimentLabels.Order(StringComparer.Ordinal)]);

    public async Task<(CorrectionView? Correction, CorrectionRefusal? Refusal)> CorrectAsync(
        CrmDbContext db, long messageId, CorrectionRequest request, string reviewerId, string reviewerName, CancellationToken ct)
    {
        var intent = request.Intent?.Trim();
        var sentiment = request.Sentiment?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(intent) && string.IsNullOrEmpty(sentiment))
        {
            return (null, new(CorrectionProblem.Invalid, "Give the message's right intent, its right sentiment label, or both."));
        }
        var labels = Labels();
        if (!string.IsNullOrEmpty(intent) && !labels.Intents.Contains(intent, StringComparer.Ordinal))
        {
            return (null, new(CorrectionProblem.Invalid, $"'{intent}' is not an intent the model knows. Choose one of: {string.Join(", ", labels.Intents)}.", "intent"));
        }
        if (!string.IsNullOrEmpty(sentiment) && !labels.Sentiments.Contains(sentiment, StringComparer.Ordinal))
        {
            return (null, new(CorrectionProblem.Invalid, $"'{request.Sentiment}' is not a sentiment label. Choose one of: {string.Join(", ", labels.Sentiments)}.", "sentiment"));
        }
        var message = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == messageId, ct);
        if (message is null)
        {
            return (null, new(CorrectionProblem.NotFound, $"There is no message {messageId}."));
        }
        if (message.Direction != InteractionDirection.Inbound)
        {
            return (null, new(CorrectionProblem.Invalid, "Only customer messages have an intent and a sentiment to correct; this one is from the " + message.Author.ToString().ToLowerInvariant() + "."));
        }
        var correction = new LabelCorrection
        {
            InteractionId = message.Id,
            Intent = string.IsNullOrEmpty(intent) ? null : intent,
            SentimentLabel = string.IsNullOrEmpty(sentiment) ? null : sentiment,
            ModelIntent = message.Intent,
            ModelSentimentLabel = message.SentimentLabel,
            CorrectedById = reviewerId,
            CorrectedByName = reviewerName.Length > 100 ? reviewerName[..100] : reviewerName,
            CorrectedAt = time.GetUtcNow(),
        };
        db.LabelCorrections.Add(correction);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Message {InteractionId} corrected by {ReviewerId}: intent {ModelIntent} -> {Intent}, sentiment {ModelSentiment} -> {Sentiment}",
            message.Id, reviewerId, message.Intent, correction.Intent ?? "(kept)", message.SentimentLabel, correction.SentimentLabel ?? "(kept)");
        return (new CorrectionView(correction.Id, message.Id, message.ConversationId, correction.Intent, correction.SentimentLabel,
            correction.ModelIntent, correction.ModelSentimentLabel, correction.CorrectedByName, correction.CorrectedAt), null);
    }

    /// <summary>
    /// The corrected messages as training examples: for each message the latest intent and the latest sentiment a
    /// reviewer gave it, with its stored (redacted) text; one example per text and model, the latest correction winning.
    /// </summary>
    public static async Task<ReviewedExamples> TrainingExamplesAsync(CrmDbContext db, CancellationToken ct)
    {
        var rows = await db.LabelCorrections.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Interaction!.Text, c.Intent, c.SentimentLabel }).ToListAsync(ct);
        List<LabeledText> Latest(Func<(string Text, string? Label), bool> has, IEnumerable<(string Text, string? Label)> labelled) =>
            labelled.Where(has).GroupBy(r => r.Text.Trim(), StringComparer.Ordinal)
                .Select(g => new LabeledText(g.Key, g.Last().Label!)).Where(e => e.Text.Length > 0).ToList();
        return new ReviewedExamples(
            Latest(r => r.Label is not null, rows.Select(r => (r.Text, r.Intent))),
            Latest(r => r.Label is not null, rows.Select(r => (r.Text, r.SentimentLabel))));
    }

    /// <summary>The reviewers' labels of each corrected message among <paramref name="corrections"/>, by message id.</summary>
    internal static async Task<Dictionary<long, CorrectedLabels>> LatestAsync(IQueryable<LabelCorrection> corrections, CancellationToken ct)
    {
        var rows = await corrections.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        return rows.GroupBy(c => c.InteractionId).ToDictionary(g => g.Key, g => new CorrectedLabels(
            g.LastOrDefault(c => c.Intent is not null)?.Intent,
            g.LastOrDefault(c => c.SentimentLabel is not null)?.SentimentLabel,
            g.Last().CorrectedByName,
            g.Last().CorrectedAt));
    }
}
