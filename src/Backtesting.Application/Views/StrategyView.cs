using System.Text.Json.Nodes;

namespace Backtesting.Application.Views;

/// <summary>A catalog entry as the API and MCP tools show it.</summary>
public sealed record StrategyView(string Id, string Name, string Description, string StrategyType, JsonObject ParametersSchema, JsonObject DefaultParameters);
