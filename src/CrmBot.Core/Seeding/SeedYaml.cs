using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CrmBot.Core.Seeding;

/// <summary>Reads the seed YAML files embedded in this assembly (see the EmbeddedResource item in CrmBot.Core.csproj).</summary>
internal static class SeedYaml
{
    public static T ReadEmbedded<T>(string fileName) where T : class
    {
        var resourceName = $"CrmBot.Core.Seeding.{fileName}";
        using var stream = typeof(SeedYaml).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded seed file '{resourceName}' is missing; it is built from src/CrmBot.Core/Seeding/Data/{fileName}.");
        using var reader = new StreamReader(stream);
        return Read<T>(reader, fileName);
    }

    public static T Read<T>(TextReader reader, string sourceName) where T : class
    {
        // Unknown keys are tolerated so the data authors can annotate entries; required keys are checked by each file's Validate.
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        try
        {
            return deserializer.Deserialize<T>(reader)
                ?? throw new InvalidDataException($"{sourceName} is empty.");
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{sourceName} line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }
}
