using System.IO.Compression;
using System.Text.Json;
using CrmBot.Core.Privacy;
using CrmBot.Supervisor;

namespace CrmBot.Privacy;

/// <summary>
/// A customer's data as a zip: <c>personal-data.json</c> (everything, machine-readable for portability) and CSV files
/// a spreadsheet opens (profile, orders with their lines, messages, escalations, suggestions), written by
/// <see cref="CsvTable"/>, so text a customer typed can never run as a formula when they open it.
/// </summary>
public static class ExportArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Build(PersonalData data)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "personal-data.json", JsonSerializer.SerializeToUtf8Bytes(data, Json));
            var p = data.Profile;
            Add(zip, "profile.csv", new CsvTable("field", "value")
                .Add("customer id", p.CustomerId).Add("first name", p.FirstName).Add("last name", p.LastName).Add("email", p.Email)
                .Add("phone", p.Phone).Add("address line 1", p.AddressLine1).Add("address line 2", p.AddressLine2).Add("city", p.City)
                .Add("postcode", p.Postcode).Add("country", p.Country).Add("tier", p.Tier).Add("segment", p.Segment)
                .Add("lifetime value", p.LifetimeValue).Add("customer since", p.CustomerSince).Add("marketing consent", data.Consents.Marketing ? "yes" : "no")
                .ToBytes());
            var orders = new CsvTable("order", "placed", "status", "sku", "product", "quantity", "unit price", "order total", "delivery", "payment", "ship to", "postcode");
            foreach (var o in data.Orders)
            {
                foreach (var l in o.Lines)
                {
                    orders.Add(o.Number, o.PlacedAt, o.Status, l.Sku, l.Product, l.Quantity, l.UnitPrice, o.Total, o.DeliveryMethod, o.PaymentMethod, o.ShipToName, o.ShipToPostcode);
                }
            }
            Add(zip, "orders.csv", orders.ToBytes());
            var messages = new CsvTable("conversation", "channel", "at", "from", "text", "intent", "sentiment");
            foreach (var c in data.Conversations)
            {
                foreach (var m in c.Messages)
                {
                    messages.Add(c.Id.ToString(), c.Channel, m.At, m.From, m.Text, m.Intent, m.Sentiment);
                }
            }
            Add(zip, "messages.csv", messages.ToBytes());
            var escalations = new CsvTable("reference", "created", "reason", "queue", "status", "resolved", "disposition", "note", "rating");
            foreach (var e in data.Escalations)
            {
                escalations.Add(e.Reference, e.CreatedAt, e.Reason, e.Queue, e.Status, e.ResolvedAt, e.Disposition, e.Note, e.Rating);
            }
            Add(zip, "escalations.csv", escalations.ToBytes());
            var suggestions = new CsvTable("sku", "product", "strategy", "shown", "clicked");
            foreach (var r in data.Recommendations)
            {
                suggestions.Add(r.Sku, r.Product, r.Strategy, r.ShownAt, r.ClickedAt);
            }
            Add(zip, "suggestions.csv", suggestions.ToBytes());
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
