namespace CrmBot.Core.Storage;

/// <summary>Where the app finds its content (dialogs, prompts) and keeps its state (database, trained models).</summary>
public sealed record CrmBotPaths(string DataDirectory, string DialogsDirectory, string PromptsDirectory)
{
    public string DatabaseFile => Path.Combine(DataDirectory, "crmbot.db");
    public string ModelsDirectory => Path.Combine(DataDirectory, "models");
    /// <summary>Sentence vectors of training texts, kept so that retraining only encodes what is new.</summary>
    public string EmbeddingCacheFile => Path.Combine(ModelsDirectory, "embeddings.cache");
    public string SentimentExamplesFile => Path.Combine(DialogsDirectory, "sentiment.csv");

    /// <summary>
    /// Relative data directories are taken from the repository root when running from a build inside the repository
    /// (so `dotnet run` and the tests agree), otherwise from the app's own folder (a published build).
    /// </summary>
    public static CrmBotPaths Resolve(string dataDirectory, string appDirectory)
    {
        var root = FindRepositoryRoot(appDirectory) ?? appDirectory;
        var data = Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.GetFullPath(Path.Combine(root, dataDirectory));
        return new CrmBotPaths(data, Path.Combine(appDirectory, "dialogs"), Path.Combine(appDirectory, "prompts"));
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBot.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
