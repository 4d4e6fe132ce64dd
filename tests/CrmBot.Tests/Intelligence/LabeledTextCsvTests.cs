using System.Text;
using CrmBot.Intelligence.Classification;

namespace CrmBot.Tests.Intelligence;

public class LabeledTextCsvTests
{
    private static IReadOnlyList<LabeledText> Parse(string csv) => LabeledTextCsv.Read(new StringReader(csv), "test.csv");

    [Fact]
    public void Reads_text_and_label_columns_by_header_name()
    {
        var rows = Parse("id,label,text\n1,greeting,hello\n2,goodbye,bye\n");

        Assert.Equal([new LabeledText("hello", "greeting"), new LabeledText("bye", "goodbye")], rows);
    }

    [Fact]
    public void Category_column_is_read_as_the_label_as_in_banking77()
    {
        var rows = Parse("text,category\nI am still waiting on my card?,card_arrival\n");

        Assert.Equal("card_arrival", Assert.Single(rows).Label);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var rows = Parse("text,label\n\"hi, \"\"you\"\"\nthere\",greeting\r\n\"a\r\nb\",other\n");

        Assert.Equal("hi, \"you\"\nthere", rows[0].Text);
        Assert.Equal("a\nb", rows[1].Text);
        Assert.Equal("other", rows[1].Label);
    }

    [Fact]
    public void Crlf_line_ends_byte_order_mark_and_trailing_blank_lines_are_accepted()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "text,label\r\nhello,greeting\r\n\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var rows = LabeledTextCsv.Read(path);

            Assert.Equal([new LabeledText("hello", "greeting")], rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Empty_text_field_is_kept()
    {
        Assert.Equal("", Assert.Single(Parse("text,label\n,neutral\n")).Text);
    }

    [Fact]
    public void Wrong_field_count_is_reported_with_its_line_number_counting_quoted_line_breaks()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,label\n\"two\nlines\",ok\nthree,fields,here\n"));

        Assert.Contains("test.csv, line 4", error.Message);
        Assert.Contains("expected 2 fields", error.Message);
    }

    [Fact]
    public void Unclosed_quote_is_reported_at_the_line_where_it_opened()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,label\nfine,ok\n\"never closed,ok\nmore\n"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,label\n\"quoted\"tail,ok\n"));

        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Stray_quote_inside_an_unquoted_field_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,label\nsay \"hi\",ok\n"));

        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Missing_label_column_is_reported()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,intent\nhello,greeting\n"));

        Assert.Contains("'label'", error.Message);
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void Empty_label_is_reported_with_its_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("text,label\nhello,greeting\nhi,\n"));

        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        Assert.Throws<InvalidDataException>(() => Parse(""));
    }
}
