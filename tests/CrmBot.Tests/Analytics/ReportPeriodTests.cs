using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

public sealed class ReportPeriodTests
{
    [Fact]
    public void A_period_runs_from_local_midnight_to_local_midnight_so_the_day_the_clocks_go_back_has_25_hours()
    {
        var period = ReportPeriod.Of(new DateOnly(2024, 10, 27), new DateOnly(2024, 10, 27), ScenarioStore.London);

        Assert.Equal(new DateTimeOffset(2024, 10, 26, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2024, 10, 28, 0, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(TimeSpan.FromHours(25), period.End - period.Start);
        Assert.Equal(1, period.Days);
    }

    [Fact]
    public void Last_days_end_today_in_the_reports_time_zone()
    {
        // 23:30 UTC on 30 June is already 1 July in London.
        var period = ReportPeriod.LastDays(30, new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero), ScenarioStore.London);

        Assert.Equal((new DateOnly(2026, 6, 2), new DateOnly(2026, 7, 1)), (period.From, period.To));
    }

    [Fact]
    public void A_reversed_period_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Of(new DateOnly(2024, 10, 28), new DateOnly(2024, 10, 26), ScenarioStore.London));
    }
}
