using Backtesting.Application.MarketData;
using Backtesting.Application.Runs;
using Backtesting.Application.Users;
using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;
using Backtesting.Storage.Sql;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Backtesting.StorageBenchmarks;

/// <summary>
/// The storage figures of the README: importing 1M one-minute bars, reading them back (all, and 100k
/// inside the range), and completing a run with 100k trades in one transaction. Each iteration is one
/// operation on a fresh asset or run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StoreBenchmarks
{
    private const int Bars = 1_000_000, Trades = 100_000;
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private BenchmarkStore _store = null!;
    private BarSeries _bars = null!;
    private string _symbol = "";
    private string _userId = "";
    private RunCompletion _completion = null!;

    [Params(BenchmarkStore.Sqlite, BenchmarkStore.Postgres, BenchmarkStore.PostgresRowChecks)]
    public string Store { get; set; } = BenchmarkStore.Sqlite;

    [GlobalSetup]
    public void Setup() => Wait(async () =>
    {
        _store = await BenchmarkStore.CreateAsync(Store);
        _bars = GbmBarGenerator.Generate(new GbmOptions { Bars = Bars, Start = Start });
        _symbol = NewSymbol();
        await new SqlMarketDataImporter(_store.Owner).ImportAsync(new Asset(_symbol, "GBM"), "1m", _bars);
        _userId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        await new SqlUserStore(_store.Owner).CreateUserAsync(new User(_userId, "Benchmark", false, Start));
    });

    [GlobalCleanup]
    public void Cleanup() => Wait(async () => await _store.DisposeAsync());

    [Benchmark(Description = "import 1M bars (new asset)")]
    public long Import() => Wait(() => new SqlMarketDataImporter(_store.Owner).ImportAsync(new Asset(NewSymbol(), "GBM"), "1m", _bars));

    [Benchmark(Description = "range read 1M bars")]
    public int ReadAll() => Wait(() => new SqlMarketDataStore(_store.Service).ReadBarsAsync(_symbol, "1m", null, null))!.Count;

    [Benchmark(Description = "range read 100k bars inside")]
    public int ReadInside() => Wait(() => new SqlMarketDataStore(_store.Service).ReadBarsAsync(_symbol, "1m", _bars.TimeAt(500_000), _bars.TimeAt(599_999)))!.Count;

    [IterationSetup(Target = nameof(Complete))]
    public void CreateRun() => Wait(async () =>
    {
        var run = new BacktestRun
        {
            Id = "bt-" + Guid.NewGuid().ToString("N"), UserId = _userId, Kind = RunKind.Backtest, StrategyId = "sma_crossover", AssetSymbol = _symbol,
            StartDate = Start, EndDate = Start.AddYears(1), InitialCapital = 100_000, Status = RunStatus.Running, CreatedAt = Start, UpdatedAt = Start,
        };
        await new SqlRunStore(_store.Service).CreateAsync(run);
        _completion = Completion(run.Id);
    });

    [Benchmark(Description = "complete a run with 100k trades")]
    public void Complete() => Wait(() => new SqlRunStore(_store.Service).CompleteAsync(_completion));

    private static RunCompletion Completion(string runId)
    {
        var trades = new TradeRecord[Trades];
        for (int i = 0; i < Trades; i++)
        {
            bool open = i == Trades - 1;
            trades[i] = new TradeRecord
            {
                Id = $"{runId}-t{i + 1}", RunId = runId, Sequence = i, EntryDate = Start.AddMinutes(2 * i), ExitDate = open ? null : Start.AddMinutes(2 * i + 1),
                Direction = i % 3 == 0 ? "short" : "long", EntryPrice = 100m + i * 0.01m, ExitPrice = open ? null : 100.5m + i * 0.01m,
                Quantity = 55 + i % 7, Pnl = open ? null : 118.1257m + i, PnlPercent = open ? null : 0.0119891m, Status = open ? "open" : "closed",
                Fees = 1.25m, ExitReason = open ? null : "signal",
            };
        }
        var result = new RunResultRecord
        {
            Id = "res-" + runId, RunId = runId, FinalCapital = 100_000, TotalReturn = 0, Metrics = """{"final_capital": 100000}""", CreatedAt = Start,
        };
        return new RunCompletion(runId, result, trades, Start);
    }

    private static string NewSymbol() => "B" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static void Wait(Func<Task> action) => action().GetAwaiter().GetResult();

    private static T Wait<T>(Func<Task<T>> action) => action().GetAwaiter().GetResult();
}
