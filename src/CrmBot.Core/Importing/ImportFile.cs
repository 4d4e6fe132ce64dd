using System.Text;

namespace CrmBot.Core.Importing;

/// <summary>
/// A CSV file's bytes turned into text, with the encoding it was found to be in. Detection: a byte-order mark names
/// UTF-8, UTF-16 LE or UTF-16 BE; without one, zero bytes in every other position mean UTF-16 (Excel's "Unicode
/// text"); otherwise the bytes are UTF-8 if they decode strictly as UTF-8, and Windows-1252 (Excel's "CSV" on a
/// Western Windows machine) if they do not, since every byte means something there. Windows-1252 comes from
/// <see cref="CodePagesEncodingProvider"/>, part of the shared framework but not registered by default.
/// </summary>
public sealed record ImportFile(string Text, string EncodingName)
{
    /// <summary>The largest file an import reads (50 MB): the whole file is held in memory while it is read.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    public static async Task<ImportFile> ReadAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ImportRefusedException($"There is no file {path}.");
        }
        if (info.Length > MaxBytes)
        {
            throw new ImportRefusedException($"{path} is {info.Length / (1024 * 1024)} MB; an import takes files of at most {MaxBytes / (1024 * 1024)} MB. Split it.");
        }
        return Decode(await File.ReadAllBytesAsync(path, ct));
    }

    public static ImportFile Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return new(Utf8Strict(bytes.AsSpan(3)) ?? Windows1252.GetString(bytes, 3, bytes.Length - 3), "UTF-8 with BOM");
        }
        if (bytes is [0xFF, 0xFE, ..])
        {
            return new(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16 LE");
        }
        if (bytes is [0xFE, 0xFF, ..])
        {
            return new(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16 BE");
        }
        if (LooksLikeUtf16(bytes, out bool littleEndian))
        {
            return littleEndian ? new(Encoding.Unicode.GetString(bytes), "UTF-16 LE (no BOM)") : new(Encoding.BigEndianUnicode.GetString(bytes), "UTF-16 BE (no BOM)");
        }
        return Utf8Strict(bytes) is { } utf8 ? new(utf8, "UTF-8") : new(Windows1252.GetString(bytes), "Windows-1252");
    }

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static string? Utf8Strict(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>ASCII-range text in UTF-16 has a zero in every other byte; a third of a sample is enough to tell.</summary>
    private static bool LooksLikeUtf16(byte[] bytes, out bool littleEndian)
    {
        int sample = Math.Min(bytes.Length & ~1, 4096), evenZeros = 0, oddZeros = 0;
        for (int i = 0; i < sample; i += 2)
        {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        int pairs = sample / 2;
        littleEndian = oddZeros > evenZeros;
        return pairs > 0 && Math.Max(evenZeros, oddZeros) > pairs / 3 && Math.Min(evenZeros, oddZeros) < pairs / 20 + 1;
    }
}

/// <summary>The whole file is refused (missing, too big, no header the importer recognises, too many rows): nothing was imported.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
