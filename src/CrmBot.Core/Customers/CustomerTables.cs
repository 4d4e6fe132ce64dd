using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Customers;

/// <summary>
/// This namespace's tables as properties of the CRM store's context. Declared here rather than on the context, so
/// that Storage depends on none of the namespaces that use it.
/// </summary>
public static class CustomerTables
{
    extension(CrmDbContext db)
    {
        public DbSet<Customer> Customers => db.Set<Customer>();
        public DbSet<ChannelAccount> ChannelAccounts => db.Set<ChannelAccount>();
        public DbSet<CustomerMerge> CustomerMerges => db.Set<CustomerMerge>();
    }
}
