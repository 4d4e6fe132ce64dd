using System.Buffers.Text;
using System.Security.Cryptography;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Keeps a generated Direct Line secret in a file, so a host without a configured <c>DirectLine:Secret</c> still has a
/// stable one across restarts (DESIGN §3). The first call creates a random 256-bit secret, readable by the owner only;
/// later calls read it back. Safe when two processes start at once: the file appears atomically and the loser reads
/// the winner's secret.
/// </summary>
public sealed class DirectLineSecretStore(string path)
{
    private const int SecretBytes = 32;

    public string FilePath { get; } = Path.GetFullPath(path);

    /// <summary>Synchronous on purpose: it runs once, while options are first resolved at start-up, where there is no async path.</summary>
    public string ReadOrCreate()
    {
        if (File.Exists(FilePath))
        {
            return Read();
        }

        var directory = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(directory);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created with owner-only permissions, never widened afterwards: there is no moment when others can read it.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(secret);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, FilePath, overwrite: false);
            return secret;
        }
        catch (IOException) when (File.Exists(FilePath))
        {
            // Another process won the race; its secret is the one to use.
            return Read();
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string Read()
    {
        var secret = File.ReadAllText(FilePath).Trim();
        if (secret.Length == 0)
        {
            throw new InvalidOperationException($"The Direct Line secret file {FilePath} is empty; delete it to generate a new secret.");
        }
        return secret;
    }
}
