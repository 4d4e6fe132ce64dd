using CrmBot.Core.Handoff;

namespace CrmBot.Tests.Handoff;

public class CsatRatingTests
{
    [Theory]
    [InlineData("5", 5)]
    [InlineData(" 4 ", 4)]
    [InlineData("3/5", 3)]
    [InlineData("2 out of 5", 2)]
    [InlineData("1 star", 1)]
    [InlineData("4 stars!", 4)]
    [InlineData("⭐⭐⭐", 3)]
    [InlineData("★★★★★", 5)]
    public void Ratings_customers_type_or_click_are_read(string text, int expected)
    {
        Assert.True(CsatRating.TryParse(text, out int rating));
        Assert.Equal(expected, rating);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("10")]
    [InlineData("track order 5")]
    [InlineData("5 items are missing")]
    [InlineData("⭐⭐⭐⭐⭐⭐")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_rating(string? text) =>
        Assert.False(CsatRating.TryParse(text, out _));
}
