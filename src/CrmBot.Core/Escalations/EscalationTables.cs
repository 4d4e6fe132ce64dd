using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Escalations;

/// <summary>
/// This namespace's tables as properties of the CRM store's context. Declared here rather than on the context, so
/// that Storage depends on none of the namespaces that use it.
/// </summary>
public static class EscalationTables
{
    extension(CrmDbContext db)
    {
        public DbSet<Escalation> Escalations => db.Set<Escalation>();
        public DbSet<EscalationEvent> EscalationEvents => db.Set<EscalationEvent>();
    }
}
