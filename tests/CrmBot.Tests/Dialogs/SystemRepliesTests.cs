using System.Text.Json.Nodes;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;

namespace CrmBot.Tests.Dialogs;

public class SystemRepliesTests
{
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "dialogs", "system.yaml");

    private static SystemReplies From(string yaml) =>
        new(new DialogCatalog([new DialogLoader(new HashSet<string>()).Parse(new StringReader(yaml), "dialogs/system.yaml")]), "Brightwave Electronics");

    [Fact]
    public void Shipped_replies_load_and_fill_their_placeholders()
    {
        var replies = From(File.ReadAllText(ShippedFile));

        Assert.Equal("Hi Alice, welcome back to Brightwave Electronics! I can track your orders, start a return, send invoices or help you choose a product. What can I do for you?",
            replies.Text(SystemReplies.WelcomeCustomer, new JsonObject { ["customer"] = new JsonObject { ["first_name"] = "Alice" } }));
        Assert.Equal("Thank you for rating us 5/5! Is there anything else I can help with?", replies.Text(SystemReplies.RatingThanks, new JsonObject { ["rating"] = 5 }));
        // An empty place leaves no double space behind.
        Assert.Equal("You're in the queue for our orders team (reference ESC-ABC123). I've added your message so the agent sees it when they join.",
            replies.Text(SystemReplies.StillQueued, new JsonObject { ["queue"] = "orders", ["reference"] = "ESC-ABC123", ["place"] = "" }));
    }

    [Fact]
    public void A_missing_reply_stops_start_up_with_the_file()
    {
        var yaml = string.Join('\n', File.ReadAllLines(ShippedFile).Where(l => !l.TrimStart().StartsWith("agent_left:", StringComparison.Ordinal)));

        var error = Assert.Throws<DialogFileException>(() => From(yaml));

        Assert.Equal("dialogs/system.yaml", error.Path);
        Assert.Contains("reply 'agent_left' is missing", error.Message);
    }

    [Fact]
    public void A_placeholder_the_reply_is_not_given_is_refused_with_its_line()
    {
        var yaml = File.ReadAllText(ShippedFile).Replace("{{ agent.name }} has left the chat.", "{{ customer.first_name }}, {{ agent.name }} has left the chat.", StringComparison.Ordinal);

        var error = Assert.Throws<DialogFileException>(() => From(yaml));

        Assert.Contains("'{{ customer.first_name }}' is not given to reply 'agent_left'", error.Message);
        Assert.Equal(File.ReadAllLines(ShippedFile).ToList().FindIndex(l => l.TrimStart().StartsWith("agent_left:", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void An_unknown_reply_name_is_refused()
    {
        var error = Assert.Throws<DialogFileException>(() => From(File.ReadAllText(ShippedFile) + "\n  good_bye: \"Bye!\"\n"));

        Assert.Contains("unknown reply 'good_bye'", error.Message);
    }

    [Fact]
    public void Opening_hours_are_told_as_configured()
    {
        var hours = new Dictionary<DayOfWeek, string>
        {
            [DayOfWeek.Monday] = "08:00-20:00", [DayOfWeek.Tuesday] = "08:00-20:00", [DayOfWeek.Wednesday] = "08:00-20:00",
            [DayOfWeek.Thursday] = "08:00-20:00", [DayOfWeek.Friday] = "08:00-18:30", [DayOfWeek.Sunday] = "10:00-16:00",
        };
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var opening = new OpeningHours(hours, london);

        Assert.Equal("Mon–Thu 8:00–20:00, Fri 8:00–18:30 and Sun 10:00–16:00, London time", opening.Describe());
        Assert.True(opening.IsOpen(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero)));
        Assert.False(opening.IsOpen(new DateTimeOffset(2026, 12, 4, 18, 45, 0, TimeSpan.Zero)));
        Assert.False(opening.IsOpen(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("by email only", new OpeningHours(new Dictionary<DayOfWeek, string>(), london).Describe());
    }
}
