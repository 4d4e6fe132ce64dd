using CrmBot.Core.Knowledge;
using CrmBot.Core.Seeding;

namespace CrmBot.Tests.Knowledge;

public sealed class KnowledgeSearchTests
{
    /// <summary>The bot's default bar for answering from the knowledge base (Conversation:KnowledgeMinScore).</summary>
    private const double GoodAnswer = 0.3;

    private static readonly IReadOnlyList<KnowledgeArticle> Articles = HelpCentre();
    private readonly KnowledgeSearch search = KnowledgeSearch.Build(Articles);

    [Theory]
    [InlineData("how long do I have to send something back", "returns-policy")]
    [InlineData("how much is next day delivery", "delivery-costs")]
    [InlineData("I forgot my password", "password-reset")]
    [InlineData("can I pay with klarna?", "klarna")]
    [InlineData("do you deliver to France", "international-delivery")]
    [InlineData("how do I get a VAT invoice", "vat-invoice")]
    public void A_customer_question_finds_the_article_that_answers_it(string question, string expectedSlug)
    {
        var best = search.Search(question)[0];

        Assert.Equal(expectedSlug, best.Slug);
        Assert.True(best.NormalizedScore >= GoodAnswer, $"{best.Slug} scored {best.NormalizedScore:F2}");
    }

    [Theory]
    [InlineData("what is the capital of peru")]
    [InlineData("who won the football last night")]
    [InlineData("write me a poem about cats")]
    public void An_off_topic_question_has_no_good_answer(string question)
    {
        var best = search.Search(question).FirstOrDefault();

        Assert.True(best is null || best.NormalizedScore < GoodAnswer, $"{best?.Slug} scored {best?.NormalizedScore:F2}");
    }

    [Theory]
    [InlineData("pasword", "password-reset")]
    [InlineData("warrenty", "warranty")]
    [InlineData("wats the delivry cost", "delivery-costs")]
    public void A_misspelt_question_still_finds_the_article(string question, string expectedSlug)
    {
        Assert.Equal(expectedSlug, search.Search(question)[0].Slug);
    }

    [Fact]
    public void A_known_intent_lifts_the_articles_that_answer_it()
    {
        const string question = "where is my money";
        var plain = search.Search(question, top: 5);
        var withIntent = search.Search(question, top: 5, intent: "track_refund");

        var refundArticles = Articles.Where(a => a.Intents.Split(',').Contains("track_refund")).Select(a => a.Slug).ToHashSet();
        Assert.Contains(withIntent[0].Slug, refundArticles);
        Assert.True(withIntent[0].NormalizedScore >= plain.FirstOrDefault()?.NormalizedScore);
    }

    [Fact]
    public void Scores_are_normalised_between_zero_and_one_and_ranked_best_first()
    {
        foreach (var question in new[] { "refund", "delivery delivery delivery", "how do I return my broken headphones and get a refund", "tv" })
        {
            var hits = search.Search(question, top: 10);
            Assert.All(hits, h => Assert.InRange(h.NormalizedScore, 0, 1));
            Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Slug), hits.Select(h => h.Slug));
        }
    }

    [Fact]
    public void A_question_made_only_of_small_talk_finds_nothing()
    {
        Assert.Empty(search.Search("hi there, can you tell me something?"));
    }

    [Fact]
    public void Searching_while_the_index_is_rebuilt_is_safe()
    {
        var shared = KnowledgeSearch.Build(Articles);

        Parallel.For(0, 200, i =>
        {
            if (i % 20 == 0) shared.Rebuild(Articles);
            Assert.Equal("returns-policy", shared.Search("returns policy")[0].Slug);
        });
    }

    private static IReadOnlyList<KnowledgeArticle> HelpCentre()
    {
        var articles = KnowledgeBaseFile.LoadEmbedded().ToArticles(DateTimeOffset.UnixEpoch);
        for (var i = 0; i < articles.Count; i++) articles[i].Id = i + 1;
        return articles;
    }
}
