using System.Text.Json.Serialization;

namespace Backtesting.Http.Responses;

/// <summary>
/// Source-generated contracts of the HTTP views a client reads for a run (the 202 body, the run with its links, a trades
/// page, health), chained before the reflection resolver in the web host's JSON options (issue 17, like
/// <see cref="Application.Json.WorkflowJson"/>'s); the settings come from those options.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(RunAcceptedView))]
[JsonSerializable(typeof(LinkedRunView))]
[JsonSerializable(typeof(TradesPageView))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class RunResponsesJsonContext : JsonSerializerContext;
