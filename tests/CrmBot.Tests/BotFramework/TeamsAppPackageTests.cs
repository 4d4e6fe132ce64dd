using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Teams;

namespace CrmBot.Tests.BotFramework;

public sealed class TeamsAppPackageTests
{
    private const string BotId = "3E0C58A7-7D1B-4A44-9B7A-1D8F9E2C6B10";

    [Fact]
    public async Task Package_holds_the_manifest_and_both_icons_at_the_right_sizes()
    {
        var entries = await WriteAsync(Package());

        Assert.Equal(["color.png", "manifest.json", "outline.png"], entries.Keys.Order(StringComparer.Ordinal));
        var color = Png.Read(entries["color.png"]);
        var outline = Png.Read(entries["outline.png"]);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public async Task Manifest_names_the_configured_bot_in_personal_scope()
    {
        var manifest = JsonNode.Parse((await WriteAsync(Package()))["manifest.json"])!;

        var bot = manifest["bots"]![0]!;
        Assert.Equal(BotId.ToLowerInvariant(), bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(BotId.ToLowerInvariant(), manifest["id"]!.GetValue<string>());
        Assert.Equal("1.19", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Equal("color.png", manifest["icons"]!["color"]!.GetValue<string>());
        Assert.Equal("outline.png", manifest["icons"]!["outline"]!.GetValue<string>());
        Assert.Equal("#107C10", manifest["accentColor"]!.GetValue<string>());
        Assert.NotNull(manifest["developer"]!["privacyUrl"]);
        Assert.NotNull(manifest["description"]!["full"]);
    }

    [Fact]
    public async Task Team_scope_is_added_when_asked_for()
    {
        var manifest = JsonNode.Parse((await WriteAsync(Package() with { IncludeTeamScope = true }))["manifest.json"])!;

        Assert.Equal(["personal", "team"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Outline_icon_is_white_on_transparent_and_colour_icon_is_opaque_on_the_accent()
    {
        var entries = await WriteAsync(Package());
        var outline = Png.Read(entries["outline.png"]);
        var color = Png.Read(entries["color.png"]);

        Assert.All(outline.Pixels().Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(outline.Pixels(), p => p.A == 255);
        Assert.Equal(0, outline.Pixel(0, 0).A);
        Assert.All(color.Pixels(), p => Assert.Equal(255, p.A));
        Assert.Equal((0x10, 0x7C, 0x10), (color.Pixel(0, 0).R, color.Pixel(0, 0).G, color.Pixel(0, 0).B));
        Assert.Contains(color.Pixels(), p => p is { R: 255, G: 255, B: 255 });
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    public async Task Package_refuses_a_bot_id_that_is_not_a_guid(string botId)
    {
        var package = Package() with { BotId = botId };

        Assert.Contains(package.Validate(), e => e.Contains("GUID", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidOperationException>(() => package.WriteAsync(Stream.Null, CancellationToken.None));
    }

    [Fact]
    public void Descriptions_over_the_schema_limits_are_reported()
    {
        var package = Package() with { ShortName = new string('n', 31), ShortDescription = new string('d', 81), WebsiteUrl = "http://plain.example" };

        var errors = package.Validate();

        Assert.Equal(3, errors.Count);
    }

    private static TeamsAppPackage Package() => new()
    {
        BotId = BotId,
        ShortName = "Support",
        FullName = "Customer support assistant",
        ShortDescription = "Answers order and account questions.",
        FullDescription = "Answers order, delivery and account questions, and hands over to a person when needed.",
        DeveloperName = "Example Ltd",
        WebsiteUrl = "https://example.com",
        PrivacyUrl = "https://example.com/privacy",
        TermsOfUseUrl = "https://example.com/terms",
        AccentColor = "#107c10",
    };

    private static async Task<Dictionary<string, byte[]>> WriteAsync(TeamsAppPackage package)
    {
        using var zip = new MemoryStream();
        await package.WriteAsync(zip, CancellationToken.None);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = e.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>Just enough PNG reading to check what Teams checks: signature, IHDR, RGBA pixels, chunk framing.</summary>
    private sealed record Png(int Width, int Height, byte[] Rgba)
    {
        public static Png Read(byte[] file)
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
            var width = 0;
            var height = 0;
            using var idat = new MemoryStream();
            var offset = 8;
            var chunkTypes = new List<string>();
            while (offset < file.Length)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
                var type = Encoding.ASCII.GetString(file, offset + 4, 4);
                var data = file.AsSpan(offset + 8, length);
                chunkTypes.Add(type);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    Assert.Equal(6, data[9]);
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                offset += 12 + length;
            }

            Assert.Equal("IHDR", chunkTypes[0]);
            Assert.Equal("IEND", chunkTypes[^1]);

            // IEND's CRC is a constant of the format, so it checks the CRC-32 implementation.
            Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, file[^4..]);

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            Assert.Equal(height * (1 + width * 4), raw.Length);
            var rgba = new byte[width * height * 4];
            for (var y = 0; y < height; y++)
            {
                Assert.Equal(0, raw[y * (1 + width * 4)]);
                Array.Copy(raw, y * (1 + width * 4) + 1, rgba, y * width * 4, width * 4);
            }

            return new Png(width, height, rgba);
        }

        public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
        {
            var i = (y * Width + x) * 4;
            return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }

        public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
        {
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    yield return Pixel(x, y);
                }
            }
        }
    }
}
