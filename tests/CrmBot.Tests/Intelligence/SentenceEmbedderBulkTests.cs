using CrmBot.Intelligence.Embeddings;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.Intelligence;

/// <summary>Embedding thousands of one-off texts at once (the demo history): the same vectors as one at a time, kept out of the caches.</summary>
public class SentenceEmbedderBulkTests
{
    [Fact]
    public void Bulk_vectors_are_the_ones_a_single_message_gets_and_case_or_order_number_variants_share_one()
    {
        using var embedder = new SentenceEmbedder();
        string[] texts = ["Where is my order BW-482913?", "where is my order bw-204817?", "Can I return my headphones please", "thanks!"];
        var job = new Dictionary<string, float[]>();

        var bulk = embedder.EmbedOnce(texts, job);

        Assert.Equal(3, job.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(embedder.Embed(texts[i]), bulk[i]);
        }
        Assert.Same(bulk[0], bulk[1]);
        Assert.NotEqual(bulk[0], bulk[2]);
    }

    [Fact]
    public void Bulk_texts_stay_out_of_the_cache_file_and_a_second_batch_reuses_the_jobs_vectors()
    {
        var directory = Directory.CreateTempSubdirectory("crmbot-embeddings-").FullName;
        try
        {
            var path = Path.Combine(directory, "embeddings.cache");
            using var embedder = new SentenceEmbedder(path);
            embedder.EmbedAll(["a training example about refunds"]);
            var before = new FileInfo(path).Length;
            var job = new Dictionary<string, float[]>();

            var first = embedder.EmbedOnce(["my parcel never came", "is it raining in Leeds"], job);
            var again = embedder.EmbedOnce(["My parcel never came"], job);

            Assert.Equal(before, new FileInfo(path).Length);
            Assert.Equal(2, job.Count);
            Assert.Same(first[0], again[0]);
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }
}
