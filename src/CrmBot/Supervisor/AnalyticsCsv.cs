using CrmBot.Core.Analytics;

namespace CrmBot.Supervisor;

/// <summary>Each analytics figure as the table the page shows for it: same rows, same columns, machine-readable names.</summary>
public static class AnalyticsCsv
{
    public static CsvTable SentimentOverTime(SentimentOverTime figure) =>
        Rows(new CsvTable("start", "messages", "average_score", "positive", "neutral", "negative", "angry"),
            figure.Buckets, b => [b.Start, b.Messages, b.AverageScore, b.Positive, b.Neutral, b.Negative, b.Angry]);

    public static CsvTable SentimentByIntent(SentimentByIntent figure) =>
        Rows(new CsvTable("intent", "messages", "average_score", "positive", "neutral", "negative", "angry", "negative_share"),
            figure.Intents, i => [i.Intent, i.Messages, i.AverageScore, i.Positive, i.Neutral, i.Negative, i.Angry, i.NegativeShare]);

    public static CsvTable Escalations(EscalationFigures figure) =>
        Rows(new CsvTable("reason", "escalations", "share"), figure.Reasons, r => [r.Reason, r.Escalations, r.Share])
            .Add("all", figure.Escalations, figure.Escalations == 0 ? null : 1.0);

    public static CsvTable Containment(ContainmentFigures figure) =>
        Rows(new CsvTable("date", "conversations", "contained", "escalated", "containment_rate"),
                figure.Days, d => [d.Date, d.Conversations, d.Contained, d.Conversations - d.Contained, d.Rate])
            .Add("all", figure.Conversations, figure.Contained, figure.Escalated, figure.Rate);

    public static CsvTable Csat(CsatFigures figure) =>
        Rows(new CsvTable("score", "ratings", "share"), figure.Scores, s => [s.Score, s.Ratings, s.Share]);

    public static CsvTable HandlingTimes(HandlingTimes figure) =>
        Rows(new CsvTable("queue", "escalations", "accepted", "average_wait_seconds", "longest_wait_seconds", "handled", "average_handle_seconds"),
            figure.Queues.Prepend(figure.All),
            q => [q.Queue, q.Escalations, q.Accepted, q.AverageWaitSeconds, q.LongestWaitSeconds, q.Handled, q.AverageHandleSeconds]);

    public static CsvTable BusiestHours(BusiestHours figure) =>
        Rows(new CsvTable("weekday", "hour", "conversations", "escalations"), figure.Cells, c => [c.Weekday, c.Hour, c.Conversations, c.Escalations]);

    /// <summary>One row per phrase, the intent's figures repeated; an intent without phrases gets one row without.</summary>
    public static CsvTable NegativeIntents(NegativeIntents figure)
    {
        var table = new CsvTable("intent", "messages", "negative_messages", "negative_share", "average_score",
            "phrase", "phrase_messages", "phrase_share", "phrase_share_elsewhere");
        foreach (var intent in figure.Intents)
        {
            object?[] head = [intent.Intent, intent.Messages, intent.NegativeMessages, intent.NegativeShare, intent.AverageScore];
            if (intent.Phrases.Count == 0)
            {
                table.Add([.. head, null, null, null, null]);
            }
            foreach (var phrase in intent.Phrases)
            {
                table.Add([.. head, phrase.Phrase, phrase.Messages, phrase.Share, phrase.OtherShare]);
            }
        }
        return table;
    }

    public static CsvTable AgentWorkload(AgentWorkload figure) =>
        Rows(new CsvTable("agent_id", "agent", "assigned", "accepted", "resolved", "handed_back", "average_handle_seconds", "rated", "average_csat", "messages"),
            figure.Agents, a => [a.AgentId, a.Name, a.Assigned, a.Accepted, a.Resolved, a.HandedBack, a.AverageHandleSeconds, a.Rated, a.AverageCsat, a.Messages]);

    public static CsvTable Suggestions(SuggestionFigures figure) =>
        Rows(new CsvTable("strategy", "conversations", "shown", "clicked", "click_through_rate"),
            figure.Strategies, s => [s.Strategy, s.Conversations, s.Shown, s.Clicked, s.ClickThroughRate]);

    public static CsvTable LanguageModel(LanguageModelFigures figure) =>
        Rows(new CsvTable("purpose", "exchanges", "used", "fell_back", "used_rate", "prompt_tokens", "completion_tokens", "tool_calls", "mean_latency_ms", "p95_latency_ms"),
            figure.Purposes, p => [p.Purpose, p.Exchanges, p.Used, p.FellBack, p.UsedRate, p.PromptTokens, p.CompletionTokens, p.ToolCalls, p.MeanLatencyMs, p.P95LatencyMs]);

    private static CsvTable Rows<T>(CsvTable table, IEnumerable<T> rows, Func<T, object?[]> cells)
    {
        foreach (var row in rows)
        {
            table.Add(cells(row));
        }
        return table;
    }
}
