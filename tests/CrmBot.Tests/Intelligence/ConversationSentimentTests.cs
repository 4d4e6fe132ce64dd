using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Intelligence;

public class ConversationSentimentTests
{
    [Fact]
    public void No_turns_is_neutral()
    {
        Assert.Equal(0, ConversationSentiment.Default.Score(Array.Empty<double>()));
    }

    [Fact]
    public void One_turn_is_its_own_score()
    {
        Assert.Equal(-0.8, ConversationSentiment.Default.Score([-0.8]), 6);
    }

    [Fact]
    public void Recent_turns_weigh_more_than_earlier_ones()
    {
        var turnedAngry = ConversationSentiment.Default.Score([0.5, 0.5, -0.9]);
        var calmedDown = ConversationSentiment.Default.Score([-0.9, 0.5, 0.5]);

        Assert.True(turnedAngry < 0, $"turned angry: {turnedAngry:F3}");
        Assert.True(calmedDown > 0, $"calmed down: {calmedDown:F3}");
    }

    [Fact]
    public void Weights_decay_geometrically_toward_the_past()
    {
        var mood = new ConversationSentiment(window: 5, decay: 0.5).Score([1.0, 0.0, -1.0]);

        // weights 0.25, 0.5, 1 (oldest to newest): (0.25 - 1) / 1.75
        Assert.Equal(-0.75 / 1.75, mood, 6);
    }

    [Fact]
    public void Only_the_last_window_turns_count()
    {
        var longAgoFurious = ConversationSentiment.Default.Score([-1, -1, -1, 0.2, 0.2, 0.2, 0.2, 0.2]);

        Assert.Equal(0.2, longAgoFurious, 6);
    }

    [Fact]
    public void Decay_of_one_is_a_plain_mean()
    {
        Assert.Equal(0.1, new ConversationSentiment(window: 3, decay: 1).Score([0.6f, -0.3f, 0f]), 5);
    }

    [Fact]
    public void Out_of_range_scores_are_clamped_and_missing_ones_ignored()
    {
        var mood = new ConversationSentiment(window: 3, decay: 1).Score([5.0, double.NaN, -1.0]);

        Assert.Equal(0, mood, 6);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(3, 0)]
    [InlineData(3, 1.5)]
    public void Invalid_settings_are_refused(int window, double decay)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversationSentiment(window, decay));
    }
}
