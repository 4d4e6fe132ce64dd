using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Seeding;

public sealed class SeedFileTests
{
    [Fact]
    public void Catalogue_and_knowledge_base_fit_the_store_column_limits()
    {
        // SQLite ignores declared lengths; PostgreSQL would reject the row at seeding time, so check here.
        using var db = new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite("Data Source=:memory:").Options);
        var catalog = CatalogFile.LoadEmbedded();
        object[] entities =
        [
            .. catalog.ToCategories(), .. catalog.ToProducts(), .. KnowledgeBaseFile.LoadEmbedded().ToArticles(DateTimeOffset.UnixEpoch),
        ];

        Assert.All(entities, entity =>
        {
            foreach (var property in db.Model.FindEntityType(entity.GetType())!.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var value = (string?)property.PropertyInfo!.GetValue(entity);
                if (property.GetMaxLength() is { } max) Assert.True((value?.Length ?? 0) <= max, $"{entity.GetType().Name}.{property.Name} is longer than {max}: {value}");
            }
        });
    }

    [Fact]
    public void Catalogue_has_every_brief_category_with_products()
    {
        var catalog = CatalogFile.LoadEmbedded();

        Assert.Equal(10, catalog.Categories.Count);
        Assert.All(catalog.Categories, c => Assert.Contains(catalog.Products, p => p.Category == c.Slug));
    }
}
