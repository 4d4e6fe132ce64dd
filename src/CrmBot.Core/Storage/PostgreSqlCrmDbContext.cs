using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Storage;

/// <summary>
/// The CRM store on PostgreSQL. The model is <see cref="CrmDbContext"/>'s; EF Core ties a migration to one context
/// type, so this type owns the PostgreSQL migrations (<c>Storage/Migrations/PostgreSql</c>) while SQLite's stay with
/// <see cref="CrmDbContext"/>. Registered as <see cref="CrmDbContext"/> when <c>Storage:Provider</c> is PostgreSql.
/// </summary>
public sealed class PostgreSqlCrmDbContext(DbContextOptions<PostgreSqlCrmDbContext> options) : CrmDbContext(options);
