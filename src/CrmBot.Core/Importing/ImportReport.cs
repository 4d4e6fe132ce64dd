namespace CrmBot.Core.Importing;

/// <summary>What happened to a row's field: the row was left out, kept with a change, or found to be someone already known.</summary>
public enum ImportSeverity { Rejected, Warning, Duplicate }

/// <summary>
/// One line of the per-row report. <see cref="Row"/> counts the header as row 1, as a spreadsheet shows the file. The
/// reason never repeats the value itself, so the report can be shared without the personal data it is about.
/// </summary>
public sealed record ImportIssue(int Row, string Field, ImportSeverity Severity, string Reason);

/// <summary>How often to report progress, and what has been done so far.</summary>
public sealed record ImportProgress(int Done, int Total);

/// <summary>The outcome of one import, for the summary printed at the end and the tests.</summary>
public sealed class ImportSummary
{
    public required string What { get; init; }
    public required string EncodingName { get; init; }
    public int Read { get; set; }
    /// <summary>New rows in the store.</summary>
    public int Imported { get; set; }
    /// <summary>Rows that matched a stored customer by email and filled fields it lacked.</summary>
    public int Updated { get; set; }
    /// <summary>Rows (or stored customers) merged into another customer found by phone or by a similar name at the same address.</summary>
    public int Merged { get; set; }
    /// <summary>Rows already in the store or earlier in the file with nothing new (same email and no field to fill, an order number already stored).</summary>
    public int Duplicates { get; set; }
    public int Rejected { get; set; }
    public TimeSpan Elapsed { get; set; }
    public List<ImportIssue> Issues { get; } = [];

    public int Warnings => Issues.Count(i => i.Severity == ImportSeverity.Warning);

    public void Reject(int row, string field, string reason) => Issues.Add(new(row, field, ImportSeverity.Rejected, reason));

    public void Warn(int row, string field, string reason) => Issues.Add(new(row, field, ImportSeverity.Warning, reason));

    public void Duplicate(int row, string field, string reason) => Issues.Add(new(row, field, ImportSeverity.Duplicate, reason));
}
