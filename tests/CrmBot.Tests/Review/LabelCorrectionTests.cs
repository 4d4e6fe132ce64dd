using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Models;
using CrmBot.Core.Review;
using CrmBot.Core.Seeding;
using CrmBot.Extensions;
using CrmBot.Intelligence.Classification;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using CrmBot.Tests.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Review;

/// <summary>Who may review, how a correction is checked and stored, and how corrections reach the next training.</summary>
[Collection(AppCollection.Name)]
public sealed class LabelCorrectionTests(CrmBotAppFixture trained, HistoryApps apps) : IClassFixture<HistoryApps>
{
    private HandoffApp App => apps.SharedWeek(trained);

    [Fact]
    public async Task Signed_out_visitors_and_agents_are_refused_the_review_api_and_supervisors_and_admins_may_use_it()
    {
        var message = await CustomerMessageAsync(0);
        using var visitor = App.Browser();
        using var agent = await ReviewBrowser.SignInAsync(App, "priya.shah@brightwave.example", StaffRoster.AgentPassword);
        using var supervisor = await ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);
        using var admin = await ReviewBrowser.SignInAsync(App, StaffRoster.AdminEmail, StaffRoster.AdminPassword);
        string[] reads = ["/api/review/labels", "/api/review/conversations", $"/api/review/conversations/{message.ConversationId}"];

        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.Client.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await supervisor.Client.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(path)).StatusCode);
        }
        var correction = $"/api/review/messages/{message.Id}/corrections";
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync(correction, JsonContent.Create(new { sentiment = "neutral" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.CorrectAsync(message.Id, new { sentiment = "neutral" }, withCsrf: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.CorrectAsync(message.Id, new { sentiment = "neutral" })).StatusCode);
    }

    [Fact]
    public async Task A_correction_without_the_antiforgery_token_is_refused()
    {
        var message = await CustomerMessageAsync(1);
        using var olivia = await ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        using var response = await olivia.CorrectAsync(message.Id, new { intent = "track_order" }, withCsrf: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = App.NewDb();
        Assert.False(await db.LabelCorrections.AnyAsync(c => c.InteractionId == message.Id));
    }

    [Theory]
    [InlineData("""{ "intent": "where_is_my_pony" }""", "intent", "'where_is_my_pony' is not an intent the model knows", "track_order")]
    [InlineData("""{ "sentiment": "furious" }""", "sentiment", "'furious' is not a sentiment label", "negative")]
    public async Task A_label_the_model_does_not_have_is_refused_with_the_reason_and_nothing_is_stored(string body, string field, string reason, string oneOfTheChoices)
    {
        var message = await CustomerMessageAsync(2);
        using var olivia = await ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        using var response = await olivia.CorrectAsync(message.Id, JsonNode.Parse(body)!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith(reason, (string)problem["errors"]![field]![0]!, StringComparison.Ordinal);
        Assert.Contains(oneOfTheChoices, (string)problem["detail"]!, StringComparison.Ordinal);
        await using var db = App.NewDb();
        Assert.False(await db.LabelCorrections.AnyAsync(c => c.InteractionId == message.Id));
    }

    [Fact]
    public async Task Corrections_need_a_label_a_customer_message_and_a_message_that_exists()
    {
        await using var db = App.NewDb();
        var botReply = await db.Interactions.Where(i => i.Author == InteractionAuthor.Bot).OrderBy(i => i.Id).FirstAsync();
        var message = await CustomerMessageAsync(3);
        using var olivia = await ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        using var empty = await olivia.CorrectAsync(message.Id, new { intent = "", sentiment = " " });
        using var ofTheBot = await olivia.CorrectAsync(botReply.Id, new { intent = "track_order" });
        using var missing = await olivia.CorrectAsync(long.MaxValue, new { intent = "track_order" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ofTheBot.StatusCode);
        Assert.Contains("Only customer messages", (string)(await ofTheBot.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(await db.LabelCorrections.AnyAsync(c => c.InteractionId == message.Id || c.InteractionId == botReply.Id));
    }

    [Fact]
    public async Task A_correction_is_stored_apart_with_who_and_when_and_shows_in_the_transcript_while_the_message_keeps_the_models_labels()
    {
        var message = await CustomerMessageAsync(4);
        var other = App.Services.GetRequiredService<LabelCorrections>().Labels().Intents.First(i => i != message.Intent);
        using var olivia = await ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        using var response = await olivia.CorrectAsync(message.Id, new { intent = other, sentiment = "Angry" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = App.NewDb();
        var stored = await db.LabelCorrections.SingleAsync(c => c.InteractionId == message.Id);
        var user = await App.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<Core.Agents.StaffUser>>().FindByEmailAsync(StaffRoster.SupervisorEmail);
        Assert.Equal((other, "angry", message.Intent, message.SentimentLabel), (stored.Intent, stored.SentimentLabel, stored.ModelIntent, stored.ModelSentimentLabel));
        Assert.Equal((user!.Id, "Olivia Bennett", HistoryApps.Now), (stored.CorrectedById, stored.CorrectedByName, stored.CorrectedAt));
        var unchanged = await db.Interactions.SingleAsync(i => i.Id == message.Id);
        Assert.Equal((message.Intent, message.SentimentLabel), (unchanged.Intent, unchanged.SentimentLabel));
        var transcript = await olivia.GetJsonAsync($"/api/review/conversations/{message.ConversationId}");
        var shown = transcript["messages"]!.AsArray().Single(m => (long)m!["id"]! == message.Id)!;
        Assert.Equal(other, (string)shown["correction"]!["intent"]!);
        Assert.Equal("angry", (string)shown["correction"]!["sentimentLabel"]!);
        Assert.Equal("Olivia Bennett", (string)shown["correction"]!["by"]!);
        Assert.Equal(message.Intent, (string)shown["intent"]!);
    }

    [Fact]
    public async Task The_next_train_learns_from_corrections_and_counts_them()
    {
        var app = apps.Week(trained);
        await using var db = app.NewDb();
        // Messages that are not authored examples already (those would be left out, the authored file being the place to change them).
        var authored = app.Services.GetRequiredService<Core.Dialogs.DialogCatalog>().TrainingExamples()
            .Concat(app.Services.GetRequiredService<ModelStore>().SentimentExamples()).Select(e => e.Text.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var messages = (await db.Interactions.Where(i => i.Direction == InteractionDirection.Inbound && i.Intent == "track_order" && i.Flags == null)
            .OrderBy(i => i.Id).ToListAsync()).Where(i => !authored.Contains(i.Text.Trim())).DistinctBy(i => i.Text).Take(3).ToList();
        using var olivia = await ReviewBrowser.SignInAsync(app, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);
        foreach (var message in messages)
        {
            // Corrected twice: the latest correction is the one that counts.
            Assert.Equal(HttpStatusCode.Created, (await olivia.CorrectAsync(message.Id, new { intent = "missing_parcel" })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await olivia.CorrectAsync(message.Id, new { intent = "track_refund", sentiment = "negative" })).StatusCode);
        }

        var reviewed = await LabelCorrections.TrainingExamplesAsync(db, CancellationToken.None);
        await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: true, CancellationToken.None);

        Assert.Equal(messages.Select(m => (m.Text, "track_refund")).Order(), reviewed.Intents.Select(e => (e.Text, e.Label)).Order());
        Assert.Equal(messages.Select(m => (m.Text, "negative")).Order(), reviewed.Sentiment.Select(e => (e.Text, e.Label)).Order());
        var store = app.Services.GetRequiredService<ModelStore>();
        Assert.Equal(3, store.ReviewedExamplesIn(store.IntentModelFile));
        Assert.Equal(3, store.ReviewedExamplesIn(store.SentimentModelFile));
    }

    [Fact]
    public void Reviewed_examples_add_to_the_authored_ones_unless_they_repeat_one_or_name_a_label_it_does_not_have()
    {
        IReadOnlyList<LabeledText> authored = [new("where is my order", "track_order"), new("I want a refund", "get_refund")];
        IReadOnlyList<LabeledText> reviewed =
            [new("Where is my order ", "get_refund"), new("has my refund gone through", "get_refund"), new("my pony is lost", "find_pony")];

        var (examples, added) = ModelStore.WithReviewed(authored, reviewed);

        Assert.Equal(1, added);
        Assert.Equal(["where is my order", "I want a refund", "has my refund gone through"], examples.Select(e => e.Text));
    }

    /// <summary>A different customer message for each test, so their corrections do not meet.</summary>
    private async Task<Interaction> CustomerMessageAsync(int which)
    {
        await using var db = App.NewDb();
        return await db.Interactions.AsNoTracking().Where(i => i.Direction == InteractionDirection.Inbound && i.Flags == null)
            .OrderBy(i => i.Id).Skip(which * 7).FirstAsync();
    }
}
