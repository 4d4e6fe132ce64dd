using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBot.BotFramework.Teams;

/// <summary>
/// A sideloadable Teams app package (digest §5.6): a zip of <c>manifest.json</c>, <c>color.png</c> (192×192) and
/// <c>outline.png</c> (32×32, white on transparent), uploaded through "Upload a custom app". The bot id comes from
/// configuration (<c>Bot:MicrosoftAppId</c>); lengths and formats follow the manifest schema so Teams does not
/// reject the upload.
/// </summary>
public sealed partial record TeamsAppPackage
{
    /// <summary>Widely supported by Teams clients, including government clouds; the fields written here are unchanged up to v1.29.</summary>
    public const string DefaultManifestVersion = "1.19";

    /// <summary>The Azure Bot's app id (<c>bots[0].botId</c>), a GUID.</summary>
    public required string BotId { get; init; }

    /// <summary>The Teams app id (<c>id</c>), a GUID; defaults to the bot id, which the schema allows.</summary>
    public string? AppId { get; init; }

    public string ManifestVersion { get; init; } = DefaultManifestVersion;

    /// <summary>The app's own version; raise it for every upload of a changed package.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>Name shown in Teams, at most 30 characters.</summary>
    public required string ShortName { get; init; }

    /// <summary>At most 100 characters.</summary>
    public string? FullName { get; init; }

    /// <summary>At most 80 characters.</summary>
    public required string ShortDescription { get; init; }

    /// <summary>At most 4000 characters.</summary>
    public required string FullDescription { get; init; }

    /// <summary>At most 32 characters.</summary>
    public required string DeveloperName { get; init; }

    public required string WebsiteUrl { get; init; }
    public required string PrivacyUrl { get; init; }
    public required string TermsOfUseUrl { get; init; }

    /// <summary>Background of the colour icon, <c>#RRGGBB</c> (required by the schema, ambiguity A11).</summary>
    public string AccentColor { get; init; } = "#0F6CBD";

    /// <summary>Also installable in a team (for the agents' channel, digest §5.4); personal scope is always on.</summary>
    public bool IncludeTeamScope { get; init; }

    /// <summary>Everything that would make Teams refuse the package; empty when it is fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Guid.TryParse(BotId, out _))
        {
            errors.Add("The bot id (Bot:MicrosoftAppId) must be a GUID.");
        }

        if (AppId is not null && !Guid.TryParse(AppId, out _))
        {
            errors.Add("The Teams app id must be a GUID.");
        }

        CheckLength(errors, "Short name", ShortName, 30, required: true);
        CheckLength(errors, "Full name", FullName, 100, required: false);
        CheckLength(errors, "Short description", ShortDescription, 80, required: true);
        CheckLength(errors, "Full description", FullDescription, 4000, required: true);
        CheckLength(errors, "Developer name", DeveloperName, 32, required: true);
        CheckHttps(errors, "Website URL", WebsiteUrl);
        CheckHttps(errors, "Privacy URL", PrivacyUrl);
        CheckHttps(errors, "Terms of use URL", TermsOfUseUrl);
        if (!ColorPattern().IsMatch(AccentColor))
        {
            errors.Add("The accent colour must look like #RRGGBB.");
        }

        if (!VersionPattern().IsMatch(Version))
        {
            errors.Add("The version must be major.minor.patch, e.g. 1.0.0.");
        }

        if (!ManifestVersionPattern().IsMatch(ManifestVersion))
        {
            errors.Add("The manifest version must look like 1.19.");
        }

        return errors;
    }

    public JsonObject BuildManifest()
    {
        JsonArray scopes = IncludeTeamScope ? ["personal", "team"] : ["personal"];
        var name = new JsonObject { ["short"] = ShortName };
        if (!string.IsNullOrWhiteSpace(FullName))
        {
            name["full"] = FullName;
        }

        return new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = Version,
            ["id"] = (AppId ?? BotId).ToLowerInvariant(),
            ["developer"] = new JsonObject
            {
                ["name"] = DeveloperName,
                ["websiteUrl"] = WebsiteUrl,
                ["privacyUrl"] = PrivacyUrl,
                ["termsOfUseUrl"] = TermsOfUseUrl,
            },
            ["name"] = name,
            ["description"] = new JsonObject { ["short"] = ShortDescription, ["full"] = FullDescription },
            ["icons"] = new JsonObject { ["outline"] = "outline.png", ["color"] = "color.png" },
            ["accentColor"] = AccentColor.ToUpperInvariant(),
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = BotId.ToLowerInvariant(),
                ["scopes"] = scopes,
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
            }),
            ["validDomains"] = new JsonArray(),
        };
    }

    /// <summary>Writes the zip; throws <see cref="InvalidOperationException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The Teams app package is not valid: " + string.Join(" ", errors));
        }

        var accent = AccentColor.AsSpan(1);
        var color = TeamsAppIcons.Color(
            byte.Parse(accent[..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent[2..4], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(accent[4..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(BuildManifest(), new JsonSerializerOptions { WriteIndented = true }));
            Add(archive, "color.png", color);
            Add(archive, "outline.png", TeamsAppIcons.Outline());
        }

        zip.Position = 0;
        await zip.CopyToAsync(destination, cancellationToken);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await WriteAsync(file, cancellationToken);
    }

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        // Teams wants the three files at the root of the zip, not in a folder.
        using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    private static void CheckLength(List<string> errors, string what, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{what} is required.");
            }
        }
        else if (value.Length > max)
        {
            errors.Add($"{what} must be at most {max} characters.");
        }
    }

    private static void CheckHttps(List<string> errors, string what, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{what} must be an absolute https URL.");
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^1\.[0-9]{1,2}$")]
    private static partial Regex ManifestVersionPattern();
}
