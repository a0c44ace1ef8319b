using Backtesting.Storage.Sql;
using Backtesting.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Backtesting.Cli.Tests;

/// <summary><c>import</c> and <c>migrate</c> against a throwaway SQLite file (PostgreSQL is covered by the storage contract tests).</summary>
public sealed class StorageCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cli-storage-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "bt.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_CsvIntoSqlite_CreatesAssetAndBars_ReimportUpdatesWithoutDuplicates()
    {
        string goog = CliRunner.DataFile("GOOG.csv");

        var first = CliRunner.Run("import", "--symbol", "GOOG", "--timeframe", "1d", "--file", goog, "--name", "Alphabet", "--connection", DatabasePath);
        var second = CliRunner.Run("import", "--symbol", "GOOG", "--timeframe", "1d", "--file", goog, "--connection", DatabasePath);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"^imported 2148 bars of GOOG \(1d\) into sqlite: read \d+ ms, write \d+ ms \([\d,]+ bars/s\)", first.Out);
        var store = new SqlMarketDataStore(SqliteDatabase.ForFile(DatabasePath));
        Assert.Equal("Alphabet", (await store.GetAssetAsync("GOOG"))!.Name);
        Assert.Equal(2148, (await store.GetRangesAsync("GOOG")).Single().Count);
    }

    [Fact]
    public void Migrate_Twice_AppliesThenReportsUpToDate()
    {
        var first = CliRunner.Run("migrate", "--connection", DatabasePath);
        var second = CliRunner.Run("migrate", "--connection", DatabasePath);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("applied: 0001_users_assets_market_data.sql, 0002_backtesting_tables.sql, 0003_job_journal.sql, 0004_backtest_schedules.sql, 0005_schedule_risk_free_rate.sql", first.Out);
        Assert.Contains("schema is up to date", second.Out);
        Assert.Contains("strategies upserted", second.Out);
    }

    [Theory]
    [InlineData("--symbol", "BAD SYMBOL", "--timeframe", "1d", "--symbol")]
    [InlineData("--symbol", "GOOG", "--timeframe", "daily", "--timeframe")]
    [InlineData("--symbol", "GOOG", "--timeframe", "1d", "--db")]
    public void Import_BadInput_ExitsWith2NamingTheOption(string o1, string v1, string o2, string v2, string named)
    {
        var args = new List<string> { "import", o1, v1, o2, v2, "--file", CliRunner.DataFile("GOOG.csv"), "--connection", DatabasePath };
        if (named == "--db")
            args.AddRange(["--db", "mysql"]);

        var (code, _, error) = CliRunner.Run([.. args]);

        Assert.Equal(2, code);
        Assert.Contains(named == "--db" ? "mysql" : named, error);
    }

    [Fact]
    public void Import_MissingFile_ExitsWith2()
    {
        var (code, _, error) = CliRunner.Run("import", "--symbol", "GOOG", "--timeframe", "1d", "--file", Path.Combine(_folder, "none.csv"), "--connection", DatabasePath);

        Assert.Equal(2, code);
        Assert.Contains("--file", error);
    }

    [Fact]
    public void Import_PostgresWithoutConnection_ExitsWith2()
    {
        var (code, _, error) = CliRunner.Run("import", "--symbol", "GOOG", "--timeframe", "1d", "--file", CliRunner.DataFile("GOOG.csv"), "--db", "postgres");

        Assert.Equal(2, code);
        Assert.Contains("--connection", error);
    }

    [Fact]
    public void Import_InvalidBars_ExitsWith2NamingFileAndRow()
    {
        Directory.CreateDirectory(_folder);
        string bad = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(bad, "Date,Open,High,Low,Close,Volume\n2024-01-01,10,11,9,10,100\n2024-01-02,10,9,9,10,100\n");

        var (code, _, error) = CliRunner.Run("import", "--symbol", "X", "--timeframe", "1d", "--file", bad, "--connection", DatabasePath);

        Assert.Equal(2, code);
        Assert.Contains("bad.csv", error);
        Assert.Contains("row 3", error);
    }

    [Fact]
    public void Import_WithoutTimeframe_InfersItFromTheTimestamps()
    {
        // 15-minute bars: 09:30, 09:45, 10:00
        Directory.CreateDirectory(_folder);
        string file = Path.Combine(_folder, "quarter.csv");
        File.WriteAllText(file, "Date,Open,High,Low,Close,Volume\n2024-01-02 09:30,10,11,9,10,100\n2024-01-02 09:45,10,11,9,10.5,100\n2024-01-02 10:00,10.5,11,10,11,100\n");

        var (code, output, error) = CliRunner.Run("import", "--symbol", "Q", "--file", file, "--connection", DatabasePath);

        Assert.True(code == 0, error);
        Assert.StartsWith("imported 3 bars of Q (15m) into sqlite", output);
    }

    [Fact]
    public void Import_TimeframeTheTimestampsContradict_ExitsWith2()
    {
        var (code, _, error) = CliRunner.Run("import", "--symbol", "GOOG", "--timeframe", "1h", "--file", CliRunner.DataFile("GOOG.csv"), "--connection", DatabasePath);

        Assert.Equal(2, code);
        Assert.Contains("--timeframe: value '1h' does not match the timestamps: the bars are 1 day(s) apart (median), i.e. '1d'", error);
    }

    [Fact]
    public void Import_RowWithMoreFieldsThanHeader_ExitsWith2NamingFileAndRow()
    {
        Directory.CreateDirectory(_folder);
        string bad = Path.Combine(_folder, "extra.csv");
        File.WriteAllText(bad, "Date,Open,High,Low,Close,Volume\n2024-01-01,10,11,9,10,100\n2024-01-02,10,11,9,10,100,5\n");

        var (code, _, error) = CliRunner.Run("import", "--symbol", "X", "--timeframe", "1d", "--file", bad, "--connection", DatabasePath);
        var run = CliRunner.Run("run", "--data", bad, "--strategy", "buy_and_hold");

        Assert.Equal(2, code);
        Assert.Contains("extra.csv: row 3: has 7 fields but the header has 6", error);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("extra.csv: row 3: has 7 fields but the header has 6", run.Error);
    }
}
