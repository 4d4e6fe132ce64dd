namespace CrmBot.Intelligence.Classification;

/// <summary>Column names of the ML.NET pipeline, and the rows that enter and leave a prediction engine.</summary>
internal static class ScoreColumns
{
    public const string Text = "Text";
    public const string Features = "Features";
    public const string Score = "Score";
}

internal sealed class TextInput
{
    public string Text { get; set; } = string.Empty;
}

internal sealed class ScoreOutput
{
    public float[] Score { get; set; } = [];
}
