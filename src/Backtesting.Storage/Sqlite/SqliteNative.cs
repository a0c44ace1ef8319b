using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Backtesting.Storage.Sqlite;

/// <summary>What the C-API loops (<see cref="SqliteBulkWriter"/>, <see cref="SqliteBarReader"/>) share: the open handle and error checks.</summary>
internal static class SqliteNative
{
    public static sqlite3 Handle(SqliteConnection connection) =>
        connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");

    /// <summary>Throws SQLite's own error, as Microsoft.Data.Sqlite would, unless <paramref name="rc"/> is SQLITE_OK.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
