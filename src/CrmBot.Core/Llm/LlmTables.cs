using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Llm;

/// <summary>This namespace's table as a property of the CRM store's context (see ConversationTables for why here).</summary>
public static class LlmTables
{
    extension(CrmDbContext db)
    {
        public DbSet<LlmCall> LlmCalls => db.Set<LlmCall>();
    }
}
