namespace Backtesting.Engine.Rules;

/// <summary>A declared parameter of a rules strategy: <c>integer</c> or <c>number</c>, with a default and optional bounds.</summary>
public sealed record RuleParameter(string Name, bool IsInteger, double Default, double? Minimum, double? Maximum);
