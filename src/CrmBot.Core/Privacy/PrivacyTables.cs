using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Privacy;

/// <summary>
/// This namespace's tables as properties of the CRM store's context. Declared here rather than on the context, so
/// that Storage depends on none of the namespaces that use it.
/// </summary>
public static class PrivacyTables
{
    extension(CrmDbContext db)
    {
        public DbSet<PrivacyRequest> PrivacyRequests => db.Set<PrivacyRequest>();
    }
}
