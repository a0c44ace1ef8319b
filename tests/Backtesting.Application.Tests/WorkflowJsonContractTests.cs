using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Simulation;
using Backtesting.Tests.Shared;

namespace Backtesting.Application.Tests;

/// <summary>
/// The per-run path's source-generated contracts (issue 17) change no byte of the wire format: every type the context
/// lists resolves from it (none falls back to reflection unnoticed), and representative instances (nulls, ignored nulls,
/// NaN and infinities, nested lists and maps, a polymorphic summary) serialise to exactly what the reflection resolver
/// with the same settings writes, and read back to the same values.
/// </summary>
public sealed class WorkflowJsonContractTests
{
    /// <summary>The wire settings by reflection alone (what the generated contracts must reproduce).</summary>
    private static readonly JsonSerializerOptions ReflectionOnly = JsonContracts.ReflectionOnly();

    private static JsonSerializerContext Context => WorkflowJson.Options.TypeInfoResolverChain.OfType<JsonSerializerContext>().Single();

    [Fact]
    public void Options_ChainTheGeneratedContextBeforeTheReflectionResolver()
    {
        var chain = WorkflowJson.Options.TypeInfoResolverChain;

        Assert.Equal(2, chain.Count);
        Assert.IsAssignableFrom<JsonSerializerContext>(chain[0]);
        Assert.IsType<DefaultJsonTypeInfoResolver>(chain[1]);
    }

    [Fact]
    public void EveryListedType_ResolvesFromTheGeneratedContext()
    {
        var context = Context;
        var listed = JsonContracts.ListedTypes(context);

        Assert.Contains(typeof(BacktestJob), listed);
        Assert.Contains(typeof(CompletionMessage), listed);
        var fallingBack = listed.Where(t => WorkflowJson.Options.GetTypeInfo(t).OriginatingResolver != context).Select(t => t.Name).ToArray();
        Assert.Empty(fallingBack);
    }

    [Fact]
    public void EveryActivityInputAndOutputOfABacktest_ResolvesFromTheGeneratedContext()
    {
        // read from the workflow's code: the activity names it calls (and the failure activity) carry their types
        var names = typeof(BacktestWorkflow).GetFields(BindingFlags.NonPublic | BindingFlags.Static).Select(f => f.FieldType)
            .Append(typeof(FailRunActivity).GetProperty(nameof(FailRunActivity.Call))!.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Workflows.ActivityName<,>)).ToArray();
        var journaled = names.SelectMany(t => t.GetGenericArguments()).Append(typeof(BacktestJob)).Distinct().ToArray();

        Assert.Equal(4, names.Length); // prepare, simulate chunk, finalize, fail
        var context = Context;
        Assert.Empty(journaled.Where(t => WorkflowJson.Options.GetTypeInfo(t).OriginatingResolver != context).Select(t => t.Name));
    }

    [Fact]
    public void TypeNotListed_StillResolves_ByReflection()
    {
        // research jobs are not on the per-run path of a backtest: the reflection resolver behind the context serves them
        var typeInfo = WorkflowJson.Options.GetTypeInfo(typeof(OptimizationApiRequest));

        Assert.IsType<DefaultJsonTypeInfoResolver>(typeInfo.OriginatingResolver);
        Assert.Equal(JsonSerializer.Serialize(new OptimizationApiRequest { StrategyId = "sma_crossover" }, ReflectionOnly),
            WorkflowJson.Serialize(new OptimizationApiRequest { StrategyId = "sma_crossover" }));
    }

    [Fact]
    public void EveryListedType_HasASample()
    {
        var sampled = Samples.Values.Select(s => s.Type).ToHashSet();

        Assert.Empty(JsonContracts.ListedTypes(Context).Where(t => !sampled.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void EveryListedType_HasTheReflectionResolversPropertiesInOrder()
    {
        // RequestBody names unknown request fields from these; the order is the order written
        foreach (var type in JsonContracts.ListedTypes(Context))
        {
            var generated = WorkflowJson.Options.GetTypeInfo(type);
            var reflected = ReflectionOnly.GetTypeInfo(type);
            Assert.Equal(reflected.Kind, generated.Kind);
            Assert.Equal(reflected.Properties.Select(p => (p.Name, p.PropertyType, p.Order, p.IsRequired)),
                generated.Properties.Select(p => (p.Name, p.PropertyType, p.Order, p.IsRequired)));
        }
    }

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Serialize_Sample_WritesTheReflectionResolversBytes_AndReadsBackTheSameValues(string name)
    {
        var (type, value) = Samples[name];

        string reflected = JsonSerializer.Serialize(value, type, ReflectionOnly);
        string generated = JsonSerializer.Serialize(value, type, WorkflowJson.Options);
        // through object as well: how the workflow journal writes activity inputs and outputs
        string asObject = WorkflowJson.Serialize<object?>(value);

        Assert.Equal(reflected, generated);
        Assert.Equal(reflected, asObject);
        // read back with either resolver, the value writes the same text again (records holding lists compare by reference)
        if (type == typeof(object)) return;
        Assert.Equal(reflected, JsonSerializer.Serialize(WorkflowJson.Deserialize(generated, type), type, ReflectionOnly));
        Assert.Equal(reflected, JsonSerializer.Serialize(JsonSerializer.Deserialize(reflected, type, ReflectionOnly), type, ReflectionOnly));
    }

    [Fact]
    public void Serialize_NonFiniteState_WritesNamedLiterals()
    {
        // AllowNamedFloatingPointLiterals: a simulator state's NaN and infinities are written as strings and read back
        var state = new SimulatorState { Cash = double.PositiveInfinity, EntryPrice = double.NaN, PendingPrice = double.NegativeInfinity };

        string json = WorkflowJson.Serialize(state);
        var back = WorkflowJson.Deserialize<SimulatorState>(json);

        Assert.Contains("\"cash\":\"Infinity\"", json);
        Assert.Contains("\"entry_price\":\"NaN\"", json);
        Assert.Contains("\"pending_price\":\"-Infinity\"", json);
        Assert.Equal(state, back);
    }

    [Fact]
    public void Deserialize_Request_RiskFreeRateConverterAndSnakeCase_AsByReflection()
    {
        // the property's own converter (RiskFreeRateJsonConverter) reads a named literal; the range check rejects it later
        const string Body = """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","risk_free_rate":"NaN","parameters":{"fast_period":10},"chunks":3}""";

        var generated = WorkflowJson.Deserialize<BacktestRequest>(Body);
        var reflected = JsonSerializer.Deserialize<BacktestRequest>(Body, ReflectionOnly)!;

        Assert.True(double.IsNaN(generated.RiskFreeRate!.Value));
        Assert.Equal("GOOG", generated.AssetSymbol);
        Assert.Equal(3, generated.Chunks);
        Assert.Equal(10, generated.Parameters!["fast_period"].GetInt32());
        Assert.Equal(reflected with { Parameters = null }, generated with { Parameters = null });
        var error = Assert.Throws<JsonException>(() => WorkflowJson.Deserialize<BacktestRequest>("""{"risk_free_rate":"high"}"""));
        Assert.Contains("is not a number", error.Message);
    }

    [Fact]
    public void Deserialize_JobWithoutARequiredMember_FailsAsByReflection()
    {
        const string Json = """{"run_id":"bt-1","user_id":"u"}""";

        var generated = Assert.ThrowsAny<JsonException>(() => WorkflowJson.Deserialize<BacktestJob>(Json));
        var reflected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<BacktestJob>(Json, ReflectionOnly));

        Assert.Equal(reflected.Message, generated.Message);
    }

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static readonly DateTime Start = new(2005, 1, 3, 0, 0, 0, DateTimeKind.Utc);

    private static readonly BacktestJob Job = new()
    {
        RunId = "bt-1",
        UserId = "user-1",
        StrategyId = "sma_crossover",
        Parameters = new() { ["fast_period"] = Element("10"), ["slow_period"] = Element("20"), ["note"] = Element("""{"a":[1,null,"x"]}""") },
        AssetSymbol = "GOOG",
        Timeframe = "1d",
        StartDate = Start,
        EndDate = null,
        InitialCapital = 10_000,
        Chunks = 3,
        UserStrategies = new() { ["my_rule"] = """{"entry":"close > sma(20)"}""" },
        RiskFreeRate = 0.05,
        CreatedAt = new DateTime(2026, 12, 5, 19, 0, 0, 123, DateTimeKind.Utc),
    };

    private static readonly SimulatorState State = new()
    {
        NextBar = 716, Cash = 10_250.5, Units = -3.25, EntryBar = 700, EntryPrice = 250.125, EntryFee = 0.08, PendingBar = -1,
        PendingPrice = double.NaN, PendingTarget = -1, TotalFees = 1.5, BarsInMarket = 400, ClosedTrades = 12,
    };

    private static readonly BacktestPlan Plan = BacktestPlan.Create(2148, 3);

    private static readonly TradeRecord OpenTrade = new()
    {
        Id = "bt-1-47", RunId = "bt-1", Sequence = 47, EntryDate = Start.AddDays(3000), Direction = "long", EntryPrice = 512.25m, Quantity = 19.5m,
        Pnl = -3.5m, PnlPercent = null, Status = "open", Fees = 1m, ExitReason = "open",
    };

    private static readonly TradeRecord ClosedTrade = OpenTrade with
    {
        Id = "bt-1-46", Sequence = 46, ExitDate = Start.AddDays(3010), ExitPrice = 530.5m, Pnl = 355.875m, PnlPercent = 0.0356m, Status = "closed", ExitReason = "signal",
    };

    private static readonly MetricValues Metrics = new()
    {
        ["final_capital"] = 63341.19136, ["sharpe_ratio"] = null, ["profit_factor"] = double.NaN, ["calmar_ratio"] = double.PositiveInfinity, ["total_trades"] = 46,
    };

    private static readonly RunView Run = new()
    {
        BacktestId = "bt-1", Kind = RunKind.Backtest, Status = "running", StrategyId = "sma_crossover", AssetSymbol = "GOOG", StartDate = Start,
        EndDate = Start.AddYears(8), InitialCapital = 10_000.50m, Parameters = Element("""{"fast_period":10,"slow_period":20}"""), Progress = 33.33,
        CurrentDate = Start.AddDays(700), TradesExecuted = 12, CreatedAt = Start.AddYears(21), UpdatedAt = Start.AddYears(21).AddSeconds(1),
    };

    private static JsonArray Curve() => [new JsonArray("2005-01-03T00:00:00Z", 10000), new JsonArray("2005-01-04T00:00:00Z", 10012.5)];

    // an optimization summary as stored (the polymorphic kind first), read into its record
    private static readonly ResearchSummary Summary = ResearchSummary.Read("""
        {"kind":"backtest_optimization","objective":"sharpe_ratio","maximize":true,"cells":2,"evaluated":1,"skipped":1,"min_trades":0,"below_min_trades":0,
        "best":{"index":0,"params":{"fast_period":10,"slow_period":20},"metrics":{"final_capital":63341.19136,"profit_factor":null}},
        "top":[{"index":0,"params":{"fast_period":10,"slow_period":20},"metrics":{"final_capital":63341.19136,"profit_factor":null}},
        {"index":1,"params":{"fast_period":50,"slow_period":10},"skipped":true,"errors":["parameters.fast_period: 50 must be below slow_period (10)"]}],
        "representative_metrics":{"final_capital":63341.19136}}
        """)!;

    private static (Type Type, object Value) Of<T>(T value) where T : notnull => (typeof(T), value);

    /// <summary>Representative instances by name; several per type where nulls or ignored members change what is written.</summary>
    private static readonly Dictionary<string, (Type Type, object Value)> Samples = new()
    {
        ["object"] = (typeof(object), new object()),
        ["request"] = Of(new BacktestRequest
        {
            StrategyId = "sma_crossover", AssetSymbol = "GOOG", StartDate = "2005-01-03", EndDate = null, InitialCapital = 10_000, RiskFreeRate = 0.05,
            Parameters = new() { ["fast_period"] = Element("10"), ["slow_period"] = Element("20.5") }, Timeframe = null, Chunks = 4,
        }),
        ["request, all null"] = Of(new BacktestRequest()),
        ["job"] = Of(Job),
        ["job, optional members null"] = Of(Job with { UserStrategies = null, StartDate = null, CreatedAt = null, Chunks = null, Parameters = [] }),
        ["plan"] = Of(Plan),
        ["plan, cancelled"] = Of(new BacktestPlan(0, [0], Cancelled: true)),
        ["chunk input"] = Of(new ChunkInput(Job, 1, 3, 716, 1432, 2148, State)),
        ["chunk outcome"] = Of(new ChunkOutcome(State, 66.7, Start.AddDays(1400), 30)),
        ["chunk outcome, cancelled"] = Of(new ChunkOutcome(SimulatorState.Initial(10_000), 0, null, 0, Cancelled: true)),
        ["finalize input"] = Of(new FinalizeInput(Job, Plan, State)),
        ["failure recorded"] = Of(true),
        ["fail run input"] = Of(new FailRunInput("bt-1", "user-1", "asset \"GOOG\" has no bars")),
        ["run outcome"] = Of(new RunOutcome("bt-1", RunStatus.Completed, 63341.19136, 47)),
        ["run outcome, failed"] = Of(new RunOutcome("bt-1", RunStatus.Failed, Error: "boom")),
        ["simulator state"] = Of(State with { Cash = double.PositiveInfinity, EntryPrice = double.NegativeInfinity }),
        ["run view"] = Of(Run),
        ["run view, research"] = Of(Run with { Kind = RunKind.Optimization, UnitsDone = 7, Unit = "cells", Parameters = null, Error = "x", ParentRunId = "bt-0", CompletedAt = Start }),
        ["runs page"] = Of(new Page<RunView>([Run, Run with { BacktestId = "bt-2", CurrentDate = null }], 2, 0, 50)),
        ["results"] = Of(new ResultsView
        {
            BacktestId = "bt-1", Status = RunStatus.Completed, Progress = 100, Metrics = Metrics,
            Trades = new Page<TradeRecord>([ClosedTrade, OpenTrade], 47, 45, 2), EquityCurve = Curve(), EquityPointsTotal = 2148,
        }),
        ["results, research"] = Of(new ResultsView { BacktestId = "bt-2", Status = RunStatus.Completed, Metrics = Summary.RepresentativeMetrics, Summary = Summary }),
        ["results, pending"] = Of(new ResultsView { BacktestId = "bt-3", Status = "pending" }),
        ["equity"] = Of(new EquityView("bt-1", 2148, 2, Curve())),
        ["metrics"] = Of(new MetricsView("bt-1", RunStatus.Completed, Metrics)),
        ["metrics, none yet"] = Of(new MetricsView("bt-1", "running", null)),
        ["metric values"] = Of(Metrics),
        ["trade"] = Of(TradeView.From(ClosedTrade)),
        ["trade, open"] = Of(TradeView.From(OpenTrade)),
        ["progress"] = Of(new ProgressMessage("bt-1", 33.3, "2007-01-03T00:00:00Z", 12)),
        ["progress, no date"] = Of(new ProgressMessage("bt-1", 0, null, 0)),
        ["completion"] = Of(CompletionMessage.Create("bt-1", RunStatus.Completed,
            new RunResultRecord { Id = "r-1", RunId = "bt-1", FinalCapital = 63341.19136m, TotalReturn = 5.33m, CreatedAt = Start, Metrics = WorkflowJson.Serialize(Metrics), EquityCurve = """{"total":2148,"points":[["2005-01-03T00:00:00Z",10000]]}""" },
            [ClosedTrade, OpenTrade])),
        ["completion, failed"] = Of(CompletionMessage.Create("bt-1", RunStatus.Failed, null, null, "asset has no bars")),
        ["completion, research"] = Of(new CompletionMessage("bt-2", RunStatus.Completed) { Metrics = Summary.RepresentativeMetrics, Summary = Summary }),
    };
}
