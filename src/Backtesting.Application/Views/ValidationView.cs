using System.Text.Json.Nodes;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Views;

/// <summary>The outcome of validating a strategy config: every error, or the resolved parameters with defaults.</summary>
public sealed record ValidationView(bool Valid, string? StrategyId, IReadOnlyList<ValidationError> Errors, JsonObject? ResolvedParameters);
