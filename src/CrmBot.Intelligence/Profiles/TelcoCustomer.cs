using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// One row of IBM's Telco Customer Churn sample (<c>../shared/datasets/telco-churn/</c>), read at evaluation time and
/// never copied into the repository. Every column but the id is a feature; <see cref="Label"/> is <c>Churn = Yes</c>.
/// </summary>
public sealed class TelcoCustomer
{
    private static readonly string[] Categorical =
    [
        nameof(Gender), nameof(Partner), nameof(Dependents), nameof(PhoneService), nameof(MultipleLines), nameof(InternetService),
        nameof(OnlineSecurity), nameof(OnlineBackup), nameof(DeviceProtection), nameof(TechSupport), nameof(StreamingTV),
        nameof(StreamingMovies), nameof(Contract), nameof(PaperlessBilling), nameof(PaymentMethod),
    ];

    private static readonly string[] Numeric = [nameof(SeniorCitizen), nameof(Tenure), nameof(MonthlyCharges), nameof(TotalCharges)];

    public string Gender { get; set; } = "";
    public float SeniorCitizen { get; set; }
    public string Partner { get; set; } = "";
    public string Dependents { get; set; } = "";
    public float Tenure { get; set; }
    public string PhoneService { get; set; } = "";
    public string MultipleLines { get; set; } = "";
    public string InternetService { get; set; } = "";
    public string OnlineSecurity { get; set; } = "";
    public string OnlineBackup { get; set; } = "";
    public string DeviceProtection { get; set; } = "";
    public string TechSupport { get; set; } = "";
    public string StreamingTV { get; set; } = "";
    public string StreamingMovies { get; set; } = "";
    public string Contract { get; set; } = "";
    public string PaperlessBilling { get; set; } = "";
    public string PaymentMethod { get; set; } = "";
    public float MonthlyCharges { get; set; }
    /// <summary>NaN where the file has a blank (11 customers, all in their first month).</summary>
    public float TotalCharges { get; set; }
    public bool Label { get; set; }

    /// <summary>One-hot categories, the blank totals replaced by the mean, then every column side by side.</summary>
    public static IEstimator<ITransformer> Featurize(MLContext context) =>
        context.Transforms.Categorical.OneHotEncoding([.. Categorical.Select(c => new InputOutputColumnPair(c))])
            .Append(context.Transforms.ReplaceMissingValues(nameof(TotalCharges), replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(context.Transforms.Concatenate("Features", [.. Categorical, .. Numeric]));

    /// <summary>Reads the CSV by its header names; a missing column or a malformed number is an <see cref="InvalidDataException"/>.</summary>
    public static List<TelcoCustomer> Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{path} is empty.");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{path} has no {name} column.");
        var (gender, senior, partner, dependents, tenure, phone, lines, internet, security, backup, protection, support, tv, movies, contract, paperless, payment, monthly, total, churn) =
            (Column("gender"), Column("SeniorCitizen"), Column("Partner"), Column("Dependents"), Column("tenure"), Column("PhoneService"),
             Column("MultipleLines"), Column("InternetService"), Column("OnlineSecurity"), Column("OnlineBackup"), Column("DeviceProtection"),
             Column("TechSupport"), Column("StreamingTV"), Column("StreamingMovies"), Column("Contract"), Column("PaperlessBilling"),
             Column("PaymentMethod"), Column("MonthlyCharges"), Column("TotalCharges"), Column("Churn"));
        var rows = new List<TelcoCustomer>();
        var line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0) continue;
            var f = text.Split(',');
            if (f.Length != header.Length) throw new InvalidDataException($"{path}:{line}: {f.Length} fields, the header has {header.Length}.");
            float Number(int column, bool blankIsMissing = false) =>
                blankIsMissing && string.IsNullOrWhiteSpace(f[column]) ? float.NaN
                : float.TryParse(f[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : throw new InvalidDataException($"{path}:{line}: '{f[column]}' in column {header[column]} is not a number.");
            rows.Add(new TelcoCustomer
            {
                Gender = f[gender], SeniorCitizen = Number(senior), Partner = f[partner], Dependents = f[dependents], Tenure = Number(tenure),
                PhoneService = f[phone], MultipleLines = f[lines], InternetService = f[internet], OnlineSecurity = f[security],
                OnlineBackup = f[backup], DeviceProtection = f[protection], TechSupport = f[support], StreamingTV = f[tv],
                StreamingMovies = f[movies], Contract = f[contract], PaperlessBilling = f[paperless], PaymentMethod = f[payment],
                MonthlyCharges = Number(monthly),
                // The file's quirk: a single space for customers who have not been billed yet (tenure 0). Missing, not zero.
                TotalCharges = Number(total, blankIsMissing: true),
                Label = f[churn] switch
                {
                    "Yes" => true,
                    "No" => false,
                    var other => throw new InvalidDataException($"{path}:{line}: Churn is '{other}', not Yes or No."),
                },
            });
        }
        return rows;
    }
}
