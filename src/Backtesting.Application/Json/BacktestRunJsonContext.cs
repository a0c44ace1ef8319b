using System.Text.Json.Serialization;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Json;

/// <summary>
/// Source-generated contracts of what every backtest run serialises: its request, what the workflow journal writes and
/// reads, the views a client reads for it and its progress and completion messages (issue 17: reflection metadata and
/// its emitted accessors were a fifth of a fresh host's JIT work). <see cref="WorkflowJson.ApplyTo"/> chains it before the
/// reflection resolver, which still serves every type not listed here; the settings come from the options it is used with.
/// </summary>
/// <remarks>Metadata only: the generated fast path applies only to options without converters, and these have one.</remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(BacktestRequest))]
[JsonSerializable(typeof(BacktestJob))]
[JsonSerializable(typeof(BacktestPlan))]
[JsonSerializable(typeof(ChunkInput))]
[JsonSerializable(typeof(ChunkOutcome))]
[JsonSerializable(typeof(FinalizeInput))]
[JsonSerializable(typeof(FailRunInput))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(RunOutcome))]
[JsonSerializable(typeof(SimulatorState))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(Page<RunView>))]
[JsonSerializable(typeof(ResultsView))]
[JsonSerializable(typeof(EquityView))]
[JsonSerializable(typeof(MetricsView))]
[JsonSerializable(typeof(MetricValues))]
[JsonSerializable(typeof(TradeView))]
[JsonSerializable(typeof(ProgressMessage))]
[JsonSerializable(typeof(CompletionMessage))]
internal sealed partial class BacktestRunJsonContext : JsonSerializerContext;
