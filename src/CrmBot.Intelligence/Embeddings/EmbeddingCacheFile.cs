using System.Security.Cryptography;
using System.Text;

namespace CrmBot.Intelligence.Embeddings;

/// <summary>
/// Sentence vectors kept on disk between training runs: an append-only file of (SHA-256 of the text, vector) records
/// after a header naming the model. A file of another model or size is started again; a torn last record (a crash
/// mid-append) is ignored. Thread-safe: reads and appends take one lock (training is the only writer).
/// </summary>
internal sealed class EmbeddingCacheFile
{
    private const int KeyBytes = 32;

    private readonly string path;
    private readonly string header;
    private readonly int dimensions;
    private readonly Lock gate = new();
    private Dictionary<string, float[]>? entries;

    public EmbeddingCacheFile(string path, string model, int dimensions)
    {
        this.path = path;
        this.dimensions = dimensions;
        header = $"crmbot-embeddings {model} {dimensions}\n";
    }

    public float[]? TryGet(string text)
    {
        lock (gate)
        {
            entries ??= Read();
            return entries.GetValueOrDefault(Hash(text));
        }
    }

    public void Append(IReadOnlyList<(string Text, float[] Vector)> fresh)
    {
        if (fresh.Count == 0)
        {
            return;
        }
        lock (gate)
        {
            entries ??= Read();
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
            using var stream = new FileStream(path, isNew ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.Read);
            if (!isNew)
            {
                // Cut a torn last record off, so the new records start on a record boundary.
                var headerLength = Encoding.ASCII.GetByteCount(header);
                var record = KeyBytes + dimensions * sizeof(float);
                stream.SetLength(headerLength + (stream.Length - headerLength) / record * record);
                stream.Seek(0, SeekOrigin.End);
            }
            using var writer = new BinaryWriter(stream);
            if (isNew)
            {
                writer.Write(Encoding.ASCII.GetBytes(header));
            }
            foreach (var (text, vector) in fresh)
            {
                var key = Hash(text);
                if (entries.TryAdd(key, vector))
                {
                    writer.Write(Convert.FromHexString(key));
                    foreach (var value in vector)
                    {
                        writer.Write(value);
                    }
                }
            }
        }
    }

    private Dictionary<string, float[]> Read()
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var expected = Encoding.ASCII.GetBytes(header);
            var found = new byte[expected.Length];
            if (stream.Read(found) != found.Length || !found.AsSpan().SequenceEqual(expected))
            {
                File.Delete(path);
                return result;
            }
            using var reader = new BinaryReader(stream);
            var record = KeyBytes + dimensions * sizeof(float);
            while (stream.Length - stream.Position >= record)
            {
                var key = Convert.ToHexString(reader.ReadBytes(KeyBytes));
                var vector = new float[dimensions];
                for (var i = 0; i < dimensions; i++)
                {
                    vector[i] = reader.ReadSingle();
                }
                result[key] = vector;
            }
        }
        catch (IOException)
        {
            // An unreadable cache only costs time: the texts are encoded again.
            result.Clear();
        }
        return result;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
