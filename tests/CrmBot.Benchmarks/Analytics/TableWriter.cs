using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmBot.Benchmarks.Analytics;

/// <summary>
/// Writes entities of one type with a single prepared INSERT of every mapped column, keys included (the generator
/// numbers its rows itself), converting values as EF Core would (enums to text, times to binary ticks). Used inside one
/// transaction to load a million rows in seconds rather than minutes through SaveChanges.
/// </summary>
internal sealed class TableWriter<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand command;
    private readonly (IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter)[] columns;

    private TableWriter(DbCommand command, (IClrPropertyGetter, ValueConverter?, DbParameter)[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    public static async Task<TableWriter<T>> PrepareAsync(DbContext db, CancellationToken ct)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Load inside a transaction.");
        var columns = properties.Select((p, i) =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, $"@p{i}", null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p.GetGetter(), mapping.Converter, parameter);
        }).ToArray();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Item3.ParameterName))})";
        await command.PrepareAsync(ct);
        return new TableWriter<T>(command, columns);
    }

    public async Task WriteAsync(T entity, CancellationToken ct)
    {
        foreach (var (getter, converter, parameter) in columns)
        {
            var value = getter.GetClrValue(entity);
            parameter.Value = (value is null || converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
