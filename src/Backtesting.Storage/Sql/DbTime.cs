namespace Backtesting.Storage.Sql;

/// <summary>
/// Timestamps are stored as UTC wall-clock values without a zone (PostgreSQL <c>timestamp</c>,
/// SQLite text); these convert at the boundary so callers only ever see UTC kinds.
/// </summary>
internal static class DbTime
{
    /// <summary>The value to bind: UTC, with Kind unspecified so Npgsql writes <c>timestamp</c>.</summary>
    public static DateTime ToDb(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Unspecified);

    public static DateTime? ToDb(DateTime? value) => value is { } v ? ToDb(v) : null;

    /// <summary>A stored value read back as UTC.</summary>
    public static DateTime FromDb(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? FromDb(DateTime? value) => value is { } v ? FromDb(v) : null;
}
