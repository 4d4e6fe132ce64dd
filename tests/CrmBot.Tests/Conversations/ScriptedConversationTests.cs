using CrmBot.Core.Evaluation;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrmBot.Tests.Conversations;

/// <summary>
/// The scripted conversations of tests/data/conversations.jsonl (written in other voices than the training data),
/// run whole through the real engine as `eval conversations` runs them, each from the freshly seeded store.
/// </summary>
[Collection(AppCollection.Name)]
public class ScriptedConversationTests(CrmBotAppFixture trained, SeededApp seeded, ITestOutputHelper output) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Most_scripted_conversations_end_as_they_should_and_no_calm_customer_is_escalated_on_tone()
    {
        var app = await seeded.FreshAsync(trained);
        var snapshot = StoreSnapshot.Of(app.Services, "scripted");
        await snapshot.TakeAsync(default);
        var scripts = ConversationScript.ReadJsonLines(Path.Combine(AppContext.BaseDirectory, "data", "conversations.jsonl"));

        var report = new ConversationEvalReport(await ActivatorUtilities.CreateInstance<ConversationEvaluator>(app.Services).RunAsync(scripts, snapshot.RestoreAsync, default));

        var text = new StringWriter();
        report.WriteText(text, transcripts: false);
        output.WriteLine(text.ToString());
        Assert.True(scripts.Count >= 60);
        Assert.Equal(0, report.CalmEscalatedOnSentiment);
        Assert.True(report.Resolved >= report.Resolvable * 0.6, text.ToString());
        Assert.True(report.EscalatedCorrectly >= report.ToEscalate * 0.8, text.ToString());
    }

    [Fact]
    public void A_script_with_a_bad_pattern_names_its_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"id":"a","customer":null,"expect":"resolved","turns":[{"text":"hi","match":["hello|hi"]}]}""",
                """{"id":"b","customer":null,"expect":"resolved","turns":[{"text":"hi","match":["(unclosed"]}]}""",
            ]);
            var error = Assert.Throws<InvalidDataException>(() => ConversationScript.ReadJsonLines(path));
            Assert.Contains(":2:", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
