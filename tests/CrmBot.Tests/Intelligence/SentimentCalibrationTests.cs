using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Intelligence;

public class SentimentCalibrationTests
{
    [Fact]
    public void The_knee_maps_to_the_angry_score_and_the_ends_stay_where_they_are()
    {
        const float knee = -0.65f;
        Assert.Equal(SentimentAnalyzer.AngryScore, SentimentAnalyzer.Calibrate(knee, knee), 4);
        Assert.Equal(-1f, SentimentAnalyzer.Calibrate(-1f, knee), 4);
        Assert.Equal(0f, SentimentAnalyzer.Calibrate(0f, knee), 4);
        Assert.Equal(0.7f, SentimentAnalyzer.Calibrate(0.7f, knee), 4);
    }

    [Fact]
    public void Calibration_keeps_the_order_of_scores()
    {
        var raw = Enumerable.Range(0, 201).Select(i => -1f + i / 100f).ToArray();
        var calibrated = raw.Select(r => SentimentAnalyzer.Calibrate(r, -0.6f)).ToArray();
        Assert.Equal(calibrated.Order(), calibrated);
    }

    [Fact]
    public void A_mildly_negative_raw_score_stays_clear_of_the_escalation_threshold()
    {
        // A disappointed customer: P(negative) 0.9, the rest neutral, gives a raw -0.45.
        Assert.True(SentimentAnalyzer.Calibrate(-0.45f, -0.65f) > -0.7f);
    }
}
