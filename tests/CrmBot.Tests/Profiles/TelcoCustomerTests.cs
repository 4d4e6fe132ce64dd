using CrmBot.Intelligence.Profiles;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.Profiles;

/// <summary>The telco reader on small files written here in the published layout (no rows of the real data set).</summary>
public sealed class TelcoCustomerTests : IDisposable
{
    public const string Header =
        "customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,"
        + "DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn";

    private readonly string directory = Directory.CreateTempSubdirectory("crmbot-telco-").FullName;

    [Fact]
    public void A_blank_total_is_missing_not_zero()
    {
        var file = Write(
            "T-1,Female,0,Yes,No,0,Yes,No,DSL,No,No,No,No,No,No,Two year,No,Mailed check,20.00, ,No",
            "T-2,Male,1,No,No,12,Yes,Yes,Fiber optic,No,Yes,No,No,Yes,Yes,Month-to-month,Yes,Electronic check,90.50,1086.00,Yes");

        var rows = TelcoCustomer.Read(file);

        Assert.Equal(2, rows.Count);
        Assert.True(float.IsNaN(rows[0].TotalCharges));
        Assert.False(rows[0].Label);
        Assert.Equal(1086f, rows[1].TotalCharges);
        Assert.Equal(12f, rows[1].Tenure);
        Assert.Equal("Fiber optic", rows[1].InternetService);
        Assert.True(rows[1].Label);
    }

    [Theory]
    [InlineData("T-3,Female,0,Yes,No,5,Yes,No,DSL,No,No,No,No,No,No,Two year,No,Mailed check,20.00,100,Maybe", "Churn")]
    [InlineData("T-4,Female,0,Yes,No,five,Yes,No,DSL,No,No,No,No,No,No,Two year,No,Mailed check,20.00,100,No", "tenure")]
    [InlineData("T-5,Female,0,Yes", "fields")]
    public void A_row_that_cannot_be_read_names_the_line_and_the_problem(string row, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => TelcoCustomer.Read(Write(row)));

        Assert.Contains(":2:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    /// <summary>Made-up customers in the telco layout: long contracts and low charges stay, month-to-month fibre leaves.</summary>
    public static string WriteSynthetic(string directory, int count)
    {
        var random = new Random(5);
        var lines = new List<string> { Header };
        for (var i = 0; i < count; i++)
        {
            var monthly = random.Next(2) == 0;
            var tenure = random.Next(1, 72);
            var charges = 20 + random.Next(0, 90);
            var churn = random.NextDouble() < (monthly ? 0.6 : 0.1);
            lines.Add($"S-{i},{(i % 2 == 0 ? "Female" : "Male")},0,No,No,{tenure},Yes,No,{(monthly ? "Fiber optic" : "DSL")},No,No,No,No,No,No,"
                + $"{(monthly ? "Month-to-month" : "Two year")},Yes,Electronic check,{charges}.00,{tenure * charges}.00,{(churn ? "Yes" : "No")}");
        }
        var file = Path.Combine(directory, "synthetic-telco.csv");
        File.WriteAllLines(file, lines);
        return file;
    }

    public void Dispose() => TestDirectories.Delete(directory);

    private string Write(params string[] rows)
    {
        var file = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(file, [Header, .. rows]);
        return file;
    }
}
