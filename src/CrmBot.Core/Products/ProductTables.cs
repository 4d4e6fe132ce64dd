using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Products;

/// <summary>
/// This namespace's tables as properties of the CRM store's context. Declared here rather than on the context, so
/// that Storage depends on none of the namespaces that use it.
/// </summary>
public static class ProductTables
{
    extension(CrmDbContext db)
    {
        public DbSet<ProductCategory> ProductCategories => db.Set<ProductCategory>();
        public DbSet<Product> Products => db.Set<Product>();
    }
}
