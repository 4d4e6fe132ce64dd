using System.Text;
using CrmBot.Core.Importing;

namespace CrmBot.Tests.Importing;

/// <summary>The cleaning rules one value at a time: names, emails, phones, dates, encodings, formulas.</summary>
public sealed class ImportCleaningTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("MCDONALD", false, "McDonald")]
    [InlineData("o'neill", false, "O'Neill")]
    [InlineData("VAN DER BERG", false, "van der Berg")]
    [InlineData("SMITH-JONES", false, "Smith-Jones")]
    [InlineData("McDonald", false, "McDonald")]
    [InlineData("DeVito", false, "DeVito")]
    [InlineData("van der Berg", false, "van der Berg")]
    [InlineData("MACK", false, "Mack")]
    [InlineData("mary ann", true, "Mary Ann")]
    public void Names_in_one_case_are_recased_and_mixed_case_names_are_kept(string name, bool first, string expected) =>
        Assert.Equal(expected, NameCase.Apply(name, first));

    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("+44 (0)20 7946 0018", "+442079460018")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("(0131) 496 0022", "+441314960022")]
    [InlineData("+353 87 123 4567", "+353871234567")]
    [InlineData("447700900123", "+447700900123")]
    public void Phone_numbers_become_E164(string raw, string expected) =>
        Assert.Equal(expected, ImportPhone.Normalize(raw, out _, out _));

    [Theory]
    [InlineData("=1+2")]
    [InlineData("call me")]
    [InlineData("123")]
    public void Things_that_are_not_phone_numbers_are_refused(string raw)
    {
        Assert.Null(ImportPhone.Normalize(raw, out var reason, out _));
        Assert.NotNull(reason);
    }

    [Theory]
    [InlineData(" Alice.Morgan@Example.COM ", "alice.morgan@example.com")]
    [InlineData("mailto:bob@example.co.uk", "bob@example.co.uk")]
    [InlineData("Dev Shah <DEV.SHAH@example.com>", "dev.shah@example.com")]
    [InlineData("carol@example.com.", "carol@example.com")]
    public void Emails_are_repaired_and_lower_cased(string raw, string expected) =>
        Assert.Equal(expected, ImportEmail.Normalize(raw, out _));

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    [InlineData("sp ace@example.com")]
    [InlineData("=HYPERLINK(\"http://x\")@example.com")]
    public void Invalid_emails_are_refused_with_a_reason(string raw)
    {
        Assert.Null(ImportEmail.Normalize(raw, out var reason));
        Assert.NotNull(reason);
    }

    [Theory]
    [InlineData("2025-04-03", 2025, 4, 3)]
    [InlineData("03/04/2025", 2025, 4, 3)]
    [InlineData("12/25/2024", 2024, 12, 25)]
    [InlineData("25/12/2024", 2024, 12, 25)]
    [InlineData("3 Apr 2025", 2025, 4, 3)]
    [InlineData("3rd April 2025", 2025, 4, 3)]
    [InlineData("April 3, 2025", 2025, 4, 3)]
    [InlineData("Thu 3 April 2025", 2025, 4, 3)]
    [InlineData("3.4.25", 2025, 4, 3)]
    [InlineData("20250403", 2025, 4, 3)]
    public void Dates_in_common_formats_are_read_day_first_unless_only_month_first_makes_sense(string raw, int year, int month, int day)
    {
        var date = ImportDates.Parse(raw, DateOrder.DayFirst, London, out _);
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(date!.Value.DateTime));
    }

    [Fact]
    public void Ambiguous_dates_follow_the_chosen_order() =>
        Assert.Equal(3, ImportDates.Parse("04/03/2025", DateOrder.MonthFirst, London, out _)!.Value.Day);

    [Theory]
    [InlineData("31/02/2023")]
    [InlineData("yesterday")]
    [InlineData("13/13/2024")]
    public void Impossible_dates_are_refused(string raw) => Assert.Null(ImportDates.Parse(raw, DateOrder.DayFirst, London, out _));

    [Fact]
    public void Decomposed_accents_are_composed_and_invisible_characters_removed()
    {
        var cleaned = ImportText.Clean("  Zoe\u0308\u200B  Bronte\u0308\u202E\t", out bool stripped);
        Assert.Equal("Zoë Brontë", cleaned);
        Assert.True(stripped);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", true)]
    [InlineData("@SUM(A1:A2)", true)]
    [InlineData("-2+3+cmd|' /C calc'!A0", true)]
    [InlineData("Smith (née Jones)", false)]
    [InlineData("+44 20 7946 0018", false)]
    public void Spreadsheet_formulas_are_recognised(string text, bool formula) => Assert.Equal(formula, ImportText.IsFunctionCall(text));

    [Fact]
    public void Files_are_decoded_by_bom_and_fall_back_to_windows_1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = "Zoë;“quoted”\r\n";
        Assert.Equal(("Zoë;“quoted”\r\n", "Windows-1252"), Decoded(Encoding.GetEncoding(1252).GetBytes(text)));
        Assert.Equal(("Zoë;“quoted”\r\n", "UTF-8"), Decoded(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(("Zoë;“quoted”\r\n", "UTF-8 with BOM"), Decoded([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(("Zoë;“quoted”\r\n", "UTF-16 LE"), Decoded([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]));
        Assert.Equal(("name,email\r\n", "UTF-16 LE (no BOM)"), Decoded(Encoding.Unicode.GetBytes("name,email\r\n")));

        static (string, string) Decoded(byte[] bytes) => ImportFile.Decode(bytes) is var f ? (f.Text, f.EncodingName) : default;
    }

    [Fact]
    public void Csv_records_keep_quoted_commas_and_line_breaks_and_flag_stray_quotes()
    {
        var records = CsvParser.Read("a,b\r\n\"x, y\",\"line\nbreak\"\r\nbro\"ken,z\r\n\"ok\"\"s\",w", ',').ToList();
        Assert.Equal(["x, y", "line\nbreak"], records[1].Fields);
        Assert.True(records[2].Malformed);
        Assert.Equal(["ok\"s", "w"], records[3].Fields);
        Assert.Equal(';', CsvParser.DetectDelimiter("name;email;phone\r\n"));
    }

    [Fact]
    public void Similar_names_allow_initials_short_forms_and_one_letter()
    {
        Assert.True(CustomerIndex.SimilarFirstName("j", "james"));
        Assert.True(CustomerIndex.SimilarFirstName("chris", "christopher"));
        Assert.True(CustomerIndex.SimilarFirstName("jon", "john"));
        Assert.False(CustomerIndex.SimilarFirstName("anna", "hannah"));
        Assert.True(CustomerIndex.SimilarSurname(CustomerIndex.Fold("O'Neill"), CustomerIndex.Fold("ONEILL")));
        Assert.True(CustomerIndex.SimilarSurname("thomson", "thompson"));
        Assert.False(CustomerIndex.SimilarSurname("hale", "hall"));
    }
}
