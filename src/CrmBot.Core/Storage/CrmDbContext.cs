using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;

namespace CrmBot.Core.Storage;

/// <summary>The CRM store: customers, catalogue, orders, knowledge base, conversations and everything the bot did in them.</summary>
public class CrmDbContext(DbContextOptions<CrmDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<EscalationEvent> EscalationEvents => Set<EscalationEvent>();
    public DbSet<RecommendationEvent> RecommendationEvents => Set<RecommendationEvent>();
    public DbSet<DirectLineConversation> DirectLineConversations => Set<DirectLineConversation>();
    public DbSet<DirectLineActivity> DirectLineActivities => Set<DirectLineActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles…) live in the same database as the agents they sign in.
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(100);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no native date-time-offset or decimal type: EF would store text that cannot be compared
            // or summed in SQL. Binary ticks and REAL keep ordering, range filters and aggregates in the database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }
}
