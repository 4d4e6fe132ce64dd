using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Conversations;

/// <summary>
/// This namespace's tables as properties of the CRM store's context. Declared here rather than on the context, so
/// that Storage depends on none of the namespaces that use it.
/// </summary>
public static class ConversationTables
{
    extension(CrmDbContext db)
    {
        public DbSet<Conversation> Conversations => db.Set<Conversation>();
        public DbSet<Interaction> Interactions => db.Set<Interaction>();
    }
}
