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
        var root = RepositoryRoot(appDirectory) ?? appDirectory;
        var data = Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.GetFullPath(Path.Combine(root, dataDirectory));
        return new CrmBotPaths(data, Path.Combine(appDirectory, "dialogs"), Path.Combine(appDirectory, "prompts"));
    }

    /// <summary>
    /// The shared evaluation data sets (<c>../shared/datasets</c> beside the repository), read at evaluation time and never
    /// copied in; from the current directory's parent when not running inside the repository.
    /// </summary>
    public static string SharedDatasetsDirectory(string appDirectory) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(appDirectory) ?? Directory.GetCurrentDirectory(), "..", "shared", "datasets"));

    /// <summary>The folder holding CrmBot.sln at or above <paramref name="start"/>; null outside the repository.</summary>
    public static string? RepositoryRoot(string start)
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
