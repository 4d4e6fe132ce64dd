using System.Globalization;
using System.Text.RegularExpressions;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Importing;

/// <summary>
/// <c>import orders FILE.csv</c>: one row per order line (order number, customer email, date, status, SKU, quantity,
/// unit price; delivery and payment method optional). The rows of one order may be anywhere in the file and must agree
/// on the customer, date and status. An order goes in whole or not at all: an unknown customer or SKU, a bad quantity
/// or price on any of its lines rejects the order, with every reason reported against its rows. An order number already
/// stored is reported as a duplicate and left as it is. The delivery address is the customer's. Stateless; thread-safe.
/// </summary>
public sealed partial class OrderImporter(TimeProvider time, IOptions<ConversationOptions> options)
{
    public const int MaxQuantity = 999;
    public const decimal MaxUnitPrice = 100_000m;

    public static readonly IReadOnlyDictionary<string, string[]> Aliases = new Dictionary<string, string[]>
    {
        ["number"] = ["ordernumber", "order", "orderno", "orderid", "ordernum", "number", "orderref", "reference"],
        ["email"] = ["customeremail", "email", "emailaddress", "customer"],
        ["date"] = ["date", "orderdate", "placedat", "placed", "orderedat", "created"],
        ["status"] = ["status", "orderstatus", "state"],
        ["sku"] = ["sku", "productsku", "productcode", "itemcode", "product", "item"],
        ["quantity"] = ["quantity", "qty", "units", "count"],
        ["price"] = ["unitprice", "price", "itemprice", "priceeach", "unitcost"],
        ["delivery"] = ["deliverymethod", "delivery", "shipping", "shippingmethod"],
        ["delivery_cost"] = ["deliverycost", "shippingcost", "postage"],
        ["payment"] = ["paymentmethod", "payment", "paidby"],
    };

    public static readonly IReadOnlyList<string[]> Required = [["number"], ["email"], ["date"], ["sku"], ["quantity"], ["price"]];

    public async Task<ImportSummary> ImportAsync(CrmDbContext db, ImportFile file, DateOrder order, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        long started = time.GetTimestamp();
        var summary = new ImportSummary { What = "orders", EncodingName = file.EncodingName };
        var rows = CsvRows.Read(file.Text, Aliases, Required, summary);
        summary.Read += rows.Count;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var customers = await db.Customers.AsNoTracking().Where(c => c.ErasedAt == null)
            .Select(c => new { c.Id, c.Email, c.FirstName, c.LastName, c.AddressLine1, c.AddressLine2, c.City, c.Postcode })
            .ToDictionaryAsync(c => c.Email, StringComparer.Ordinal, ct);
        var products = await db.Products.AsNoTracking().Select(p => new { p.Id, p.Sku }).ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.OrdinalIgnoreCase, ct);
        var stored = (await db.Orders.AsNoTracking().Select(o => o.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var groups = new List<(string Number, List<CsvRow> Rows)>();
        var byNumber = new Dictionary<string, List<CsvRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var number = ImportText.Clean(row["number"], out _).ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
            if (!byNumber.TryGetValue(number, out var list))
            {
                byNumber[number] = list = [];
                groups.Add((number, list));
            }
            list.Add(row);
        }

        int done = 0;
        foreach (var batch in groups.Chunk(CustomerImporter.BatchSize))
        {
            await using (var write = await db.BeginWriteAsync(ct))
            {
                foreach (var (number, lines) in batch)
                {
                    var orderRow = lines[0].Row;
                    int rejectedBefore = summary.Issues.Count(i => i.Severity == ImportSeverity.Rejected);
                    void Reject(int row, string field, string reason) => summary.Reject(row, field, reason);
                    if (!OrderNumber().IsMatch(number))
                    {
                        Reject(orderRow, "number", number.Length == 0 ? "missing" : "not an order number (letters, digits and dashes, 3–20 characters)");
                    }
                    else if (stored.Contains(number))
                    {
                        summary.Duplicates += 1;
                        summary.Duplicate(orderRow, "number", $"order {number} is already in the store; left as it is");
                        continue;
                    }
                    var email = ImportEmail.Normalize(ImportText.Clean(lines[0]["email"], out _), out var emailProblem);
                    var customer = email is not null && customers.TryGetValue(email, out var known) ? known : null;
                    if (email is null) Reject(orderRow, "email", emailProblem!);
                    else if (customer is null) Reject(orderRow, "email", "no customer has this email (import the customers first)");
                    var placedAt = ImportDates.Parse(ImportText.Clean(lines[0]["date"], out _), order, zone, out var dateProblem);
                    if (placedAt is null) Reject(orderRow, "date", dateProblem!);
                    else if (placedAt > time.GetUtcNow().AddDays(1)) Reject(orderRow, "date", "in the future");
                    var status = Status(ImportText.Clean(lines[0]["status"], out _));
                    if (status is null) Reject(orderRow, "status", "not processing, shipped, delivered, cancelled, returned or refunded");
                    decimal deliveryCost = 0;
                    var costText = ImportText.Clean(lines[0]["delivery_cost"], out _);
                    if (costText.Length > 0)
                    {
                        if (Money(costText) is { } cost and >= 0) deliveryCost = cost;
                        else Reject(orderRow, "delivery_cost", "not an amount");
                    }
                    foreach (var line in lines.Skip(1))
                    {
                        if (!string.Equals(Customer.NormalizeEmail(ImportText.Clean(line["email"], out _)), email, StringComparison.Ordinal)
                            || ImportText.Clean(line["date"], out _) != ImportText.Clean(lines[0]["date"], out _))
                        {
                            Reject(line.Row, "number", $"this line of {number} names another customer or date than row {orderRow}");
                        }
                    }
                    var orderLines = new List<OrderLine>();
                    foreach (var line in lines)
                    {
                        var sku = ImportText.Clean(line["sku"], out _);
                        if (!products.TryGetValue(sku, out var productId))
                        {
                            Reject(line.Row, "sku", sku.Length == 0 ? "missing" : "no product has this SKU");
                        }
                        var quantityText = ImportText.Clean(line["quantity"], out _);
                        if (!int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > MaxQuantity)
                        {
                            Reject(line.Row, "quantity", $"not a whole number from 1 to {MaxQuantity}");
                        }
                        var price = Money(ImportText.Clean(line["price"], out _));
                        if (price is null or < 0 or > MaxUnitPrice)
                        {
                            Reject(line.Row, "price", $"not an amount from 0 to {MaxUnitPrice:N0}");
                        }
                        orderLines.Add(new OrderLine { ProductId = productId, Quantity = quantity, UnitPrice = price ?? 0 });
                    }
                    if (summary.Issues.Count(i => i.Severity == ImportSeverity.Rejected) > rejectedBefore)
                    {
                        summary.Rejected += lines.Count;
                        continue;
                    }
                    var entity = new Order
                    {
                        Number = number,
                        CustomerId = customer!.Id,
                        PlacedAt = placedAt!.Value,
                        Status = status!.Value,
                        DeliveryMethod = Text(lines[0]["delivery"], 40) ?? "Standard",
                        DeliveryCost = deliveryCost,
                        PaymentMethod = Text(lines[0]["payment"], 40) ?? "Card",
                        ShipToName = $"{customer.FirstName} {customer.LastName}",
                        ShipToAddressLine1 = customer.AddressLine1,
                        ShipToAddressLine2 = customer.AddressLine2,
                        ShipToCity = customer.City,
                        ShipToPostcode = customer.Postcode,
                        Total = orderLines.Sum(l => l.UnitPrice * l.Quantity) + deliveryCost,
                    };
                    // The customers were read before this batch: an erasure since then wins, and no order brings their address back.
                    await db.LockRowsAsync("Customers", [customer.Id], ct);
                    if (!await db.Customers.AnyAsync(c => c.Id == customer.Id && c.ErasedAt == null, ct))
                    {
                        customers.Remove(email!);
                        Reject(orderRow, "email", "the customer was erased during the import");
                        summary.Rejected += lines.Count;
                        continue;
                    }
                    entity.Lines.AddRange(orderLines);
                    db.Orders.Add(entity);
                    try
                    {
                        // One SaveChanges per order: inside the batch's transaction EF wraps it in a savepoint, so a refused order leaves nothing.
                        await db.SaveChangesAsync(ct);
                        stored.Add(number);
                        summary.Imported += lines.Count;
                    }
                    catch (DbUpdateException)
                    {
                        Reject(orderRow, "(order)", "the store refused the order");
                        summary.Rejected += lines.Count;
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                }
                await write.CommitAsync(ct);
            }
            done += batch.Sum(g => g.Rows.Count);
            progress?.Report(new ImportProgress(done, rows.Count));
        }
        summary.Elapsed = time.GetElapsedTime(started);
        return summary;
    }

    private static string? Text(string raw, int limit)
    {
        var text = ImportText.Clean(raw, out _);
        if (text.Length == 0 || ImportText.LooksLikeFormula(text))
        {
            return null;
        }
        return text.Length > limit ? text[..limit] : text;
    }

    private static OrderStatus? Status(string text) => text.ToLowerInvariant() switch
    {
        "" or "processing" or "pending" or "placed" or "new" or "paid" => OrderStatus.Processing,
        "shipped" or "dispatched" or "in transit" or "sent" => OrderStatus.Shipped,
        "delivered" or "complete" or "completed" or "fulfilled" => OrderStatus.Delivered,
        "cancelled" or "canceled" or "void" => OrderStatus.Cancelled,
        "returned" or "return" => OrderStatus.Returned,
        "refunded" or "refund" => OrderStatus.Refunded,
        _ => null,
    };

    /// <summary>An amount as shops write it: "£1,299.00", "GBP 24.99", "24.99". Continental "24,99" is read as 24.99 when the comma has two digits after it and no dot.</summary>
    private static decimal? Money(string text)
    {
        var t = text.Replace("£", "", StringComparison.Ordinal).Replace("GBP", "", StringComparison.OrdinalIgnoreCase).Trim();
        if (ContinentalDecimal().IsMatch(t))
        {
            t = t.Replace(',', '.');
        }
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-/]{2,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"^\d+,\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContinentalDecimal();
}
