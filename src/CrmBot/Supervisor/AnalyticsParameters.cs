using System.ComponentModel;
using CrmBot.Core.Analytics;
using Microsoft.AspNetCore.Mvc;

namespace CrmBot.Supervisor;

/// <summary>The query parameters every analytics endpoint takes.</summary>
public sealed class AnalyticsParameters
{
    [FromQuery(Name = "from"), Description("First day, yyyy-MM-dd in the support team's time zone (Conversation:TimeZone). Default: 30 days before `to`.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Last day, included, yyyy-MM-dd. Default: today. At most Analytics:MaxRangeDays (366) days from `from`.")]
    public string? To { get; init; }

    [FromQuery(Name = "channel"), Description("Only conversations of this channel (directline, msteams…), as listed by /filters.")]
    public string? Channel { get; init; }

    [FromQuery(Name = "intent"), Description("Only conversations in which the customer raised this intent; message figures count only its messages.")]
    public string? Intent { get; init; }

    [FromQuery(Name = "queue"), Description("Only escalations in this skill queue (and conversations with one).")]
    public string? Queue { get; init; }

    [FromQuery(Name = "agent"), Description("Only escalations last handled by this agent id (and conversations with one).")]
    public string? Agent { get; init; }

    [FromQuery(Name = "segment"), Description("Only conversations of customers in this marketing segment.")]
    public string? Segment { get; init; }

    [FromQuery(Name = "tier"), Description("Only conversations of customers of this tier: Standard, Silver, Gold or Vip.")]
    public string? Tier { get; init; }

    [FromQuery(Name = "format"), Description("json (default) or csv: the same figure as a CSV file, as the page's tables show it.")]
    public string? Format { get; init; }

    public AnalyticsQuery ToQuery() => new(From, To, Channel, Intent, Queue, Agent, Segment, Tier);
}
