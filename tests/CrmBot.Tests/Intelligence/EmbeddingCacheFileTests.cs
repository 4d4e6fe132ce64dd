using CrmBot.Intelligence.Embeddings;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.Intelligence;

public class EmbeddingCacheFileTests
{
    [Fact]
    public void Vectors_survive_a_restart_and_a_torn_last_record_is_cut_off()
    {
        var directory = Directory.CreateTempSubdirectory("crmbot-embeddings-").FullName;
        try
        {
            var path = Path.Combine(directory, "embeddings.cache");
            var one = Enumerable.Range(0, 4).Select(i => (float)i).ToArray();
            new EmbeddingCacheFile(path, "test-model", 4).Append([("hello", one)]);

            // A crash in the middle of an append leaves half a record behind.
            File.AppendAllText(path, "garbage");
            var reopened = new EmbeddingCacheFile(path, "test-model", 4);
            Assert.Equal(one, reopened.TryGet("hello")!);
            reopened.Append([("world", [9f, 8f, 7f, 6f])]);

            var third = new EmbeddingCacheFile(path, "test-model", 4);
            Assert.Equal(one, third.TryGet("hello")!);
            Assert.Equal([9f, 8f, 7f, 6f], third.TryGet("world")!);
            Assert.Null(third.TryGet("unknown"));
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    [Fact]
    public void A_cache_of_another_model_is_started_again()
    {
        var directory = Directory.CreateTempSubdirectory("crmbot-embeddings-").FullName;
        try
        {
            var path = Path.Combine(directory, "embeddings.cache");
            new EmbeddingCacheFile(path, "old-model", 4).Append([("hello", [1f, 2f, 3f, 4f])]);
            Assert.Null(new EmbeddingCacheFile(path, "new-model", 4).TryGet("hello"));
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }
}
