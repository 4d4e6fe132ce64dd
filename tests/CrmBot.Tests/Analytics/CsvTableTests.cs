using System.Text;
using CrmBot.Supervisor;

namespace CrmBot.Tests.Analytics;

public sealed class CsvTableTests
{
    [Fact]
    public void Text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe_but_negative_numbers_stay_numbers()
    {
        var csv = Text(new CsvTable("phrase", "score").Add("=HYPERLINK(\"http://evil\")", -0.5).Add("@SUM(A1)", 0.25).Add("-1 star", null).Add("+44", 3));

        Assert.Equal(
            ["phrase,score", "\"'=HYPERLINK(\"\"http://evil\"\")\",-0.5", "'@SUM(A1),0.25", "'-1 star,", "'+44,3"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_and_dates_are_written_invariantly()
    {
        var csv = Text(new CsvTable("a", "b", "c").Add("late, again", "said \"no\"\nthen left", new DateOnly(2024, 10, 27))
            .Add(new DateTimeOffset(2024, 10, 27, 1, 0, 0, TimeSpan.Zero), DayOfWeek.Sunday, 1234.56789));

        Assert.Equal("a,b,c\r\n\"late, again\",\"said \"\"no\"\"\nthen left\",2024-10-27\r\n2024-10-27T01:00:00+00:00,Sunday,1234.5679\r\n", csv);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CsvTable("a", "b").Add(1));
    }

    private static string Text(CsvTable table)
    {
        var bytes = table.ToBytes();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }
}
