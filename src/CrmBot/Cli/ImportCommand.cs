using System.CommandLine;
using System.Globalization;
using CrmBot.Core.Hosting;
using CrmBot.Core.Importing;
using CrmBot.Core.Storage;
using CrmBot.Supervisor;

namespace CrmBot.Cli;

/// <summary>
/// `import customers|orders FILE.csv`: cleans and imports a CSV file, prints a progress line while it runs (on a
/// terminal only) and a summary at the end, and writes the per-row report beside the file. Exit code 0: every row went
/// in (perhaps repaired); 2: some rows were rejected (see the report); 1: the file was refused and nothing imported.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import customers or orders from a CSV file, with cleaning, duplicate detection and a per-row report.");
        command.Subcommands.Add(Verb("customers", "Import customers (name, email, phone, address, postcode, country; tier, marketing consent and customer-since optional)."));
        command.Subcommands.Add(Verb("orders", "Import orders, one row per line: order number, customer email, date, status, SKU, quantity, unit price."));
        return command;
    }

    private static Command Verb(string what, string description)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab separated)." };
        var dates = new Option<string>("--dates")
        {
            Description = "How to read numeric dates where both numbers could be the month, e.g. 03/04/2025: dmy (3 April, the default) or mdy (March 4).",
            DefaultValueFactory = _ => "dmy",
        };
        dates.AcceptOnlyFromAmong("dmy", "mdy");
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the per-row report (default: FILE.report.csv beside the file)." };
        var command = new Command(what, description) { file, dates, report };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(file)!;
            var order = parse.GetValue(dates) == "mdy" ? DateOrder.MonthFirst : DateOrder.DayFirst;
            await using var app = CliCommands.BuildApp();
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            ImportSummary summary;
            var progress = Console.IsOutputRedirected ? null : new ProgressLine(what);
            try
            {
                var content = await ImportFile.ReadAsync(input.FullName, ct);
                summary = what == "customers"
                    ? await scope.ServiceProvider.GetRequiredService<CustomerImporter>().ImportAsync(db, content, input.Name, order, progress, ct)
                    : await scope.ServiceProvider.GetRequiredService<OrderImporter>().ImportAsync(db, content, order, progress, ct);
            }
            catch (ImportRefusedException e)
            {
                progress?.Done();
                Console.Error.WriteLine($"Nothing imported: {e.Message}");
                return 1;
            }
            progress?.Done();
            var reportFile = parse.GetValue(report)?.FullName ?? input.FullName + ".report.csv";
            if (summary.Issues.Count > 0)
            {
                var table = new CsvTable("row", "field", "severity", "reason");
                foreach (var issue in summary.Issues.OrderBy(i => i.Row))
                {
                    table.Add(issue.Row, issue.Field, issue.Severity.ToString().ToLowerInvariant(), issue.Reason);
                }
                await File.WriteAllBytesAsync(reportFile, table.ToBytes(), ct);
            }
            Print(summary, summary.Issues.Count > 0 ? reportFile : null);
            return summary.Rejected > 0 ? 2 : 0;
        });
        return command;
    }

    private static void Print(ImportSummary s, string? reportFile)
    {
        var rows = s.What == "orders" ? "order lines" : "rows";
        Console.WriteLine($"Imported {s.What} ({s.EncodingName}) in {s.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s:");
        Console.WriteLine($"  read        {s.Read,8:N0} {rows}");
        Console.WriteLine($"  imported    {s.Imported,8:N0}");
        if (s.What == "customers")
        {
            Console.WriteLine($"  updated     {s.Updated,8:N0}   (a stored customer by email: empty fields filled)");
            Console.WriteLine($"  merged      {s.Merged,8:N0}   (same phone, or similar name at the same address)");
        }
        Console.WriteLine($"  duplicates  {s.Duplicates,8:N0}   (already stored or earlier in the file, nothing new)");
        Console.WriteLine($"  rejected    {s.Rejected,8:N0}");
        Console.WriteLine($"  warnings    {s.Warnings,8:N0}   (repaired or left empty)");
        foreach (var issue in s.Issues.Where(i => i.Severity == ImportSeverity.Rejected).OrderBy(i => i.Row).Take(10))
        {
            Console.WriteLine($"  row {issue.Row}: {issue.Field}: {issue.Reason}");
        }
        if (reportFile is not null)
        {
            Console.WriteLine($"Every row's issues: {reportFile}");
        }
    }

    /// <summary>One line rewritten in place on a terminal; reported synchronously, so lines never arrive out of order.</summary>
    private sealed class ProgressLine(string what) : IProgress<ImportProgress>
    {
        private bool _shown;

        public void Report(ImportProgress value)
        {
            if (value.Total < CustomerImporter.BatchSize * 2)
            {
                return;
            }
            _shown = true;
            Console.Write($"\rImporting {what}: {value.Done:N0} / {value.Total:N0} ({100 * value.Done / value.Total} %)   ");
        }

        public void Done()
        {
            if (_shown)
            {
                Console.WriteLine();
            }
        }
    }
}
