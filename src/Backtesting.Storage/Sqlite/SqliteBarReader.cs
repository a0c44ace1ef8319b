using Backtesting.Storage.MarketData;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static Backtesting.Storage.Sqlite.SqliteNative;

namespace Backtesting.Storage.Sqlite;

/// <summary>
/// Steps a bar query through SQLite's C API, reading the six columns straight into the builder:
/// Microsoft.Data.Sqlite's reader costs about as much per row again as SQLite itself (1M bars in
/// 0.62 s instead of 1.1 s on one connection).
/// </summary>
internal static class SqliteBarReader
{
    public static void Read(SqliteCommand command, BarSeriesBuilder bars, CancellationToken ct)
    {
        var connection = command.Connection ?? throw new InvalidOperationException("the command has no connection");
        var db = Handle(connection);
        Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
        try
        {
            foreach (SqliteParameter parameter in command.Parameters)
                Bind(db, statement, parameter);
            for (long row = 0; ; row++)
            {
                if ((row & 0xFFFF) == 0)
                    ct.ThrowIfCancellationRequested();
                int rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                    return;
                if (rc != raw.SQLITE_ROW)
                    Check(db, rc);
                bars.Add(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_double(statement, 1), raw.sqlite3_column_double(statement, 2),
                    raw.sqlite3_column_double(statement, 3), raw.sqlite3_column_double(statement, 4), raw.sqlite3_column_double(statement, 5));
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, SqliteParameter parameter)
    {
        string name = parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName;
        int index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index == 0)
            throw new InvalidOperationException($"the bar query has no parameter {name}");
        int rc = parameter.Value switch
        {
            string text => raw.sqlite3_bind_text(statement, index, text),
            long integer => raw.sqlite3_bind_int64(statement, index, integer),
            var other => throw new InvalidOperationException($"bar query parameter {name} has unsupported type {other?.GetType().Name ?? "null"}"),
        };
        Check(db, rc);
    }
}
