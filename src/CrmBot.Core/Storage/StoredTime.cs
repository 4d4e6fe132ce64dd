using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmBot.Core.Storage;

/// <summary>
/// Arithmetic on stored times inside SQL, for grouping by time and for durations. On both stores (SQLite and
/// PostgreSQL) a <see cref="DateTimeOffset"/> is kept as EF Core's binary form (<c>DateTimeOffsetToBinaryConverter</c>): the clock
/// ticks divided by 1,000 (tenths of a millisecond), shifted left by 11 bits, with the offset in minutes in those 11 bits.
/// Dividing by 2,048 therefore gives the time in tenths of a millisecond. The app writes every time in UTC
/// (<see cref="TimeProvider.GetUtcNow"/>), so that is UTC. Outside a query the methods compute the same from the value.
/// </summary>
public static class StoredTime
{
    /// <summary>What <see cref="Units"/> counts: tenths of a millisecond.</summary>
    public const long UnitsPerSecond = 10_000;

    /// <summary>Ticks in one <see cref="Units"/> step.</summary>
    public const long TicksPerUnit = TimeSpan.TicksPerSecond / UnitsPerSecond;

    /// <summary>
    /// Fifteen minutes: the finest grouping the analytics need. Every UTC offset in use is a multiple of a quarter of
    /// an hour, so quarter hours in UTC add up exactly to hours and days in any time zone.
    /// </summary>
    public static readonly TimeSpan QuarterHourLength = TimeSpan.FromMinutes(15);

    private const int OffsetBits = 2048;

    /// <summary>The UTC time in tenths of a millisecond since 0001-01-01 (a difference of two is a duration).</summary>
    public static long Units(DateTimeOffset at) => at.UtcTicks / TicksPerUnit;

    /// <summary>The number of the UTC quarter hour the time falls in, counted from 0001-01-01 00:00.</summary>
    public static long QuarterHour(DateTimeOffset at) => at.UtcTicks / QuarterHourLength.Ticks;

    /// <summary>The start of a quarter hour numbered by <see cref="QuarterHour"/>, in UTC.</summary>
    public static DateTimeOffset QuarterHourStart(long quarterHour) => new(quarterHour * QuarterHourLength.Ticks, TimeSpan.Zero);

    /// <summary>
    /// Lets LINQ queries use <see cref="Units"/> and <see cref="QuarterHour"/>: both become integer division of the
    /// stored 64-bit value, whose column type is <paramref name="integerStoreType"/> (SQLite's INTEGER, PostgreSQL's bigint).
    /// </summary>
    public static void MapFunctions(ModelBuilder modelBuilder, string integerStoreType)
    {
        var integer = new LongTypeMapping(integerStoreType, DbType.Int64);
        modelBuilder.HasDbFunction(typeof(StoredTime).GetMethod(nameof(Units), [typeof(DateTimeOffset)])!)
            .HasTranslation(args => Divide(args[0], OffsetBits, integer));
        modelBuilder.HasDbFunction(typeof(StoredTime).GetMethod(nameof(QuarterHour), [typeof(DateTimeOffset)])!)
            .HasTranslation(args => Divide(args[0], OffsetBits * (QuarterHourLength.Ticks / TicksPerUnit), integer));
    }

    // Stored values are positive, so integer division (which truncates on SQLite and PostgreSQL) is the floor the C# methods take;
    // dividing by 2,048 * n at once equals dividing by 2,048 and then by n.
    private static SqlBinaryExpression Divide(SqlExpression storedValue, long divisor, RelationalTypeMapping integer) =>
        new(ExpressionType.Divide, storedValue, new SqlConstantExpression(divisor, integer), typeof(long), integer);
}
