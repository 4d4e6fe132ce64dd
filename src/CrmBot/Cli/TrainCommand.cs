using System.CommandLine;
using System.Globalization;
using CrmBot.Core.Profiles;
using CrmBot.Extensions;

namespace CrmBot.Cli;

/// <summary>
/// `train`: retrain the intent and sentiment models from dialogs/ and the product recommender from the orders, save them
/// in the data directory, and recompute every customer profile; prints how the segments were chosen.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Retrain the intent and sentiment models from the dialog files and the product recommender from the orders, and recompute customer profiles (segments, churn risk, lifetime value), even if they look current.");
        command.SetAction(async (_, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: true, ct);
            if (app.Services.GetRequiredService<CustomerProfiler>().ReadReport() is { } report)
            {
                WriteProfiles(report, Console.Out);
            }
            return 0;
        });
        return command;
    }

    private static void WriteProfiles(ProfileReport report, TextWriter output)
    {
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        output.WriteLine(F($"Customer profiles: {report.Customers} customers, {report.CustomersWithOrders} with orders, in {report.Seconds:0.0} s"));
        output.WriteLine("  k   silhouette  Davies-Bouldin");
        foreach (var c in report.Candidates)
        {
            output.WriteLine(F($"  {c.Clusters,-3} {c.Silhouette,10:0.000} {c.DaviesBouldin,15:0.000}{(c.Clusters == report.Clusters ? "  <- chosen" : "")}"));
        }
        output.WriteLine("  segment                        customers  last order  orders  net spend  avg order");
        foreach (var s in report.Segments.OrderByDescending(s => s.NetSpend))
        {
            output.WriteLine(F($"  {s.Name,-30} {s.Customers,9} {s.RecencyDays,8:0} d {s.Orders,7:0.0} {s.NetSpend,10:£#,0} {s.AverageOrderValue,10:£#,0}"));
        }
        if (report.Churn is { } churn)
        {
            output.WriteLine(F($"  churn: {churn.Algorithm} on {churn.TrainingRows} customers ({churn.ChurnedShare:P1} churned after {churn.CutOff:yyyy-MM-dd}); ")
                + string.Join(", ", report.CustomersPerChurnLevel.Select(l => $"{l.Key} {l.Value}")));
        }
    }
}
