using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Importing;

/// <summary>
/// <c>import customers FILE.csv</c>: every row cleaned (<see cref="CustomerRowCleaner"/>), compared with the stored
/// customers and the earlier rows (<see cref="CustomerIndex"/>), then added, used to fill a known customer's empty
/// fields, or merged. Each row is atomic: it is written under its own savepoint, so a row the store refuses leaves
/// nothing behind and the rows around it still go in. Rows are committed in batches of <see cref="BatchSize"/> so a
/// large file does not hold the store's write lock for long. Stateless; thread-safe.
/// </summary>
public sealed class CustomerImporter(TimeProvider time, IOptions<ConversationOptions> options)
{
    public const int BatchSize = 200;

    public async Task<ImportSummary> ImportAsync(CrmDbContext db, ImportFile file, string sourceName, DateOrder order, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        long started = time.GetTimestamp();
        var summary = new ImportSummary { What = "customers", EncodingName = file.EncodingName };
        var rows = CsvRows.Read(file.Text, CustomerRowCleaner.Aliases, CustomerRowCleaner.Required, summary);
        summary.Read += rows.Count;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var index = new CustomerIndex();
        foreach (var c in await db.Customers.AsNoTracking().Where(c => c.ErasedAt == null)
                     .Select(c => new { c.Id, c.Email, c.Phone, c.FirstName, c.LastName, c.Postcode, c.AddressLine1 }).ToListAsync(ct))
        {
            index.Add(c.Id, c.Email, c.Phone, c.FirstName, c.LastName, c.Postcode, c.AddressLine1);
        }
        var fromThisFile = new HashSet<int>();
        for (int start = 0; start < rows.Count; start += BatchSize)
        {
            await using (var write = await db.BeginWriteAsync(ct))
            {
                var transaction = db.Database.CurrentTransaction!;
                foreach (var row in rows.Skip(start).Take(BatchSize))
                {
                    var record = CustomerRowCleaner.Clean(row, order, zone, summary);
                    if (record is null)
                    {
                        summary.Rejected++;
                        continue;
                    }
                    await transaction.CreateSavepointAsync("customer_row", ct);
                    try
                    {
                        await ImportRowAsync(db, record, index, fromThisFile, $"import {sourceName} row {record.Row}", summary, ct);
                        await transaction.ReleaseSavepointAsync("customer_row", ct);
                    }
                    catch (DbUpdateException)
                    {
                        await transaction.RollbackToSavepointAsync("customer_row", ct);
                        summary.Reject(record.Row, "(row)", "the store refused the row (it conflicts with a customer written at the same time)");
                        summary.Rejected++;
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                }
                await write.CommitAsync(ct);
            }
            progress?.Report(new ImportProgress(Math.Min(start + BatchSize, rows.Count), rows.Count));
        }
        summary.Elapsed = time.GetElapsedTime(started);
        return summary;
    }

    private async Task ImportRowAsync(CrmDbContext db, CustomerRecord r, CustomerIndex index, HashSet<int> fromThisFile, string source, ImportSummary summary, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        int? byEmail = index.ByEmail(r.Email), byPhone = index.ByPhone(r.Phone), byName = index.BySimilarName(r.FirstName, r.LastName, r.Postcode, r.AddressLine1);
        if ((byEmail ?? byPhone ?? byName) is not int targetId)
        {
            var customer = new Customer
            {
                FirstName = r.FirstName,
                LastName = r.LastName,
                Email = r.Email,
                Phone = r.Phone,
                AddressLine1 = r.AddressLine1,
                AddressLine2 = r.AddressLine2,
                City = r.City,
                Postcode = r.Postcode,
                Country = r.Country,
                Tier = r.Tier ?? CustomerTier.Standard,
                MarketingConsent = r.MarketingConsent ?? false,
                CreatedAt = r.CreatedAt ?? now,
            };
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            index.Add(customer.Id, customer.Email, customer.Phone, customer.FirstName, customer.LastName, customer.Postcode, customer.AddressLine1);
            fromThisFile.Add(customer.Id);
            summary.Imported++;
            return;
        }

        string matchedBy = byEmail is not null ? "email" : byPhone is not null ? "phone" : "name+address";
        // The index was read before this batch: lock what the row matched, then look again at what is committed now.
        int[] matched = [.. new[] { byEmail, byPhone, byName }.OfType<int>().Distinct()];
        await db.LockRowsAsync("Customers", matched, ct);
        if (await db.Customers.AnyAsync(c => matched.Contains(c.Id) && c.ErasedAt != null, ct))
        {
            // Erased while the file was being read: their personal data must not come back through a merge.
            foreach (var id in matched) index.Remove(id);
            summary.Reject(r.Row, "(row)", "it matches a customer erased during the import");
            summary.Rejected++;
            return;
        }
        var target = await db.Customers.FirstAsync(c => c.Id == targetId, ct);
        var filled = CustomerMerger.FillEmpty(target, r.Phone, r.AddressLine1, r.AddressLine2, r.City, r.Postcode);
        // The row also matches another stored customer (its email one person, its phone another record): the file says they are one.
        var joined = new List<int>();
        foreach (var (otherId, by) in new[] { (byPhone, "phone"), (byName, "name+address") })
        {
            if (otherId is int other && other != targetId && !joined.Contains(other))
            {
                var duplicate = await db.Customers.FirstAsync(c => c.Id == other, ct);
                await CustomerMerger.MergeAsync(db, target, duplicate, by, source, now, ct);
                joined.Add(other);
            }
        }
        if (matchedBy != "email")
        {
            db.CustomerMerges.Add(new CustomerMerge
            {
                SurvivorId = targetId,
                MatchedBy = matchedBy,
                Source = source,
                FieldsFilled = filled.Count == 0 ? null : string.Join(", ", filled),
                MergedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        foreach (var other in joined)
        {
            index.Remove(other);
        }
        index.Add(target.Id, target.Email, target.Phone, target.FirstName, target.LastName, target.Postcode, target.AddressLine1);

        string what = matchedBy switch { "email" => "same email", "phone" => "same phone", _ => "similar name at the same address" };
        string kept = matchedBy == "email" ? "" : " (its email was not kept: the customer keeps theirs)";
        string fields = filled.Count == 0 ? "nothing new" : "filled " + string.Join(", ", filled);
        foreach (var other in joined)
        {
            summary.Merged++;
            summary.Duplicate(r.Row, "customer", $"stored customers {targetId} and {other} are one person by this row; {other} merged into {targetId} with its history");
        }
        if (fromThisFile.Contains(targetId))
        {
            summary.Duplicates++;
            summary.Duplicate(r.Row, matchedBy, $"{what} as an earlier row of the file (customer {targetId}); {fields}{kept}");
        }
        else if (matchedBy == "email")
        {
            if (filled.Count > 0) summary.Updated++; else summary.Duplicates++;
            summary.Duplicate(r.Row, matchedBy, $"already customer {targetId}; {fields}");
        }
        else
        {
            summary.Merged++;
            summary.Duplicate(r.Row, matchedBy, $"{what} as customer {targetId}; merged, {fields}{kept}");
        }
    }
}
