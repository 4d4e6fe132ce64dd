using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Profiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Profiles;

/// <summary>
/// Computes every customer's profile and writes it to the store: RFM fields, segment (k-means on RFM, named by rules),
/// churn risk (a classifier trained on the store's own history, <see cref="ChurnDefinition"/>) and lifetime value
/// (<see cref="LifetimeValue"/>). Profiles are a batch job: <c>train</c> runs it, and start-up runs it when the data,
/// the settings, the code or the day changed since the last run (a fingerprint in <see cref="ReportFile"/>), or when a
/// customer has no profile yet. Stateless apart from that file; one run at a time (start-up and <c>train</c> are).
/// </summary>
public sealed class CustomerProfiler(CrmBotPaths paths, IOptions<ProfileOptions> options, TimeProvider time, ILogger<CustomerProfiler> logger)
{
    /// <summary>The fixed seed of the k-means starts and the classifiers, so the same data gives the same profiles.</summary>
    public const int Seed = 20260101;

    /// <summary>Below this many labelled customers, or without both outcomes, no churn model is trained and risks stay empty.</summary>
    public const int MinTrainingRows = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Converters = { new JsonStringEnumConverter() } };

    public string ReportFile => Path.Combine(paths.ModelsDirectory, "profiles.json");

    /// <summary>Recomputes the profiles when stale (or always with <paramref name="force"/>); returns the report of the profiles now in the store.</summary>
    public async Task<ProfileReport> RefreshAsync(CrmDbContext db, bool force, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var fingerprint = await FingerprintAsync(db, now, ct);
        var last = ReadReport();
        if (!force && last?.Fingerprint == fingerprint && !await db.Customers.AnyAsync(c => c.ProfiledAt == null, ct))
        {
            logger.LogInformation("Customer profiles are current (computed {ComputedAt:u})", last.ComputedAt);
            return last;
        }
        var report = await ComputeAsync(db, now, fingerprint, ct);
        Directory.CreateDirectory(paths.ModelsDirectory);
        var temp = ReportFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(report, Json), ct);
        File.Move(temp, ReportFile, overwrite: true);
        logger.LogInformation(
            "Profiled {Customers} customers in {Seconds:0.0} s: {Clusters} segments ({Segments}), churn model {Algorithm} on {TrainingRows} customers, {HighRisk} at high risk",
            report.Customers, report.Seconds, report.Clusters, string.Join(", ", report.CustomersPerSegment.Select(s => $"{s.Key} {s.Value}")),
            report.Churn?.Algorithm.ToString() ?? "not trained", report.Churn?.TrainingRows ?? 0, report.CustomersPerChurnLevel.GetValueOrDefault(nameof(ChurnLevel.High)));
        return report;
    }

    public ProfileReport? ReadReport()
    {
        try
        {
            return File.Exists(ReportFile) ? JsonSerializer.Deserialize<ProfileReport>(File.ReadAllText(ReportFile), Json) : null;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "The profile report could not be read; profiling again");
            return null;
        }
    }

    private async Task<ProfileReport> ComputeAsync(CrmDbContext db, DateTimeOffset now, string fingerprint, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var o = options.Value;
        var activity = await CustomerActivityQuery.LoadAsync(db, now, o.InteractionWindowDays, ct);
        var buyers = activity.Where(a => a.Orders > 0).ToList();

        var definition = new ChurnDefinition(o.ChurnHorizonDays);
        var training = await definition.TrainingRowsAsync(db, now, o.InteractionWindowDays, ct);
        var read = started.Elapsed;
        var risks = new Dictionary<int, double>();
        ChurnModelReport? churn = null;
        if (training.Count >= MinTrainingRows && training.Any(r => r.Label) && training.Any(r => !r.Label))
        {
            var model = await Task.Run(() => ChurnClassifier<ChurnFeatures>.Train(training, ChurnEvaluation.CustomerFeatures, o.ChurnAlgorithm, Seed, ct), ct);
            var scores = model.Probabilities([.. buyers.Select(b => b.Features())]);
            for (var i = 0; i < buyers.Count; i++) risks[buyers[i].CustomerId] = scores[i];
            churn = new ChurnModelReport(o.ChurnAlgorithm, o.ChurnHorizonDays, definition.CutOff(now), training.Count,
                training.Count(r => r.Label) / (double)training.Count, scores.DefaultIfEmpty(0).Average());
        }
        else
        {
            logger.LogWarning("Churn model not trained: {Rows} customers had ordered before the cut-off, {Churned} of them churned", training.Count, training.Count(r => r.Label));
        }

        var scored = started.Elapsed;
        var segments = await Task.Run(() => CustomerSegmenter.Train([.. buyers.Select(b => b.Rfm!.Value)], o.MinSegments, o.MaxSegments, Seed, ct), ct);
        var segmentOf = buyers.Select((b, i) => (b.CustomerId, Name: segments.NameOf(i))).ToDictionary(x => x.CustomerId, x => x.Name);

        var segmented = started.Elapsed;
        // Tracked entities and one SaveChanges: EF batches the updates, a few hundred milliseconds for a thousand customers.
        var byId = activity.ToDictionary(a => a.CustomerId);
        foreach (var customer in await db.Customers.Where(c => byId.Keys.Contains(c.Id)).ToListAsync(ct))
        {
            var a = byId[customer.Id];
            double? risk = risks.TryGetValue(a.CustomerId, out var r) ? r : null;
            customer.Segment = segmentOf.GetValueOrDefault(a.CustomerId, SegmentNaming.NoOrders);
            customer.ChurnRisk = risk;
            customer.LifetimeValue = LifetimeValue.Of(a, risk, o.ExpectedValueYears);
            customer.OrderCount = a.Orders;
            customer.NetSpend = Math.Max(0, a.NetSpend);
            customer.LastOrderAt = a.LastOrderAt;
            customer.ProfiledAt = now;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogDebug("Profiling took {Read} ms to read, {Churn} ms for churn, {Segments} ms for segments, {Write} ms to write",
            (int)read.TotalMilliseconds, (int)(scored - read).TotalMilliseconds, (int)(segmented - scored).TotalMilliseconds, (int)(started.Elapsed - segmented).TotalMilliseconds);

        var perSegment = activity.GroupBy(a => segmentOf.GetValueOrDefault(a.CustomerId, SegmentNaming.NoOrders))
            .OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
        var perLevel = activity.GroupBy(a => ChurnRiskLevels.Of(risks.TryGetValue(a.CustomerId, out var r) ? r : null)?.ToString() ?? "None")
            .ToDictionary(g => g.Key, g => g.Count());
        return new ProfileReport(fingerprint, now, Math.Round(started.Elapsed.TotalSeconds, 2), activity.Count, buyers.Count, segments.Clusters,
            segments.Candidates, segments.Segments, churn, perSegment, perLevel);
    }

    /// <summary>
    /// Everything the profiles depend on, hashed: the code, the settings, the day (recency and the churn cut-off move
    /// with it) and the store's counts (new customers, orders, cancellations, returns, refunds, conversations, escalations).
    /// </summary>
    private async Task<string> FingerprintAsync(CrmDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            MaxId = g.Max(x => x.Id),
            Cancelled = g.Count(x => x.CancelledAt != null),
            Returns = g.Count(x => x.ReturnRequestedAt != null),
            Refunds = g.Count(x => x.RefundedAt != null),
        }).FirstOrDefaultAsync(ct);
        var customers = await db.Customers.AsNoTracking().GroupBy(_ => 1).Select(g => new { Count = g.Count(), MaxId = g.Max(c => c.Id) }).FirstOrDefaultAsync(ct);
        var conversations = await db.Conversations.CountAsync(ct);
        var escalations = await db.Escalations.CountAsync(ct);
        var o = options.Value;
        var text = string.Join('\n',
            typeof(CustomerProfiler).Assembly.ManifestModule.ModuleVersionId, typeof(CustomerSegmenter).Assembly.ManifestModule.ModuleVersionId,
            $"{o.ChurnHorizonDays} {o.InteractionWindowDays} {o.ChurnAlgorithm} {o.MinSegments} {o.MaxSegments} {o.ExpectedValueYears}",
            now.UtcDateTime.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"{customers} {orders} {conversations} {escalations}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
