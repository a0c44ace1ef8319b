namespace Backtesting.Application.Research;

/// <summary>The correlation matrix of the candidates' series named by <c>of</c> (daily_returns): matrix[i][j] for labels i and j, null when undefined.</summary>
public sealed record CorrelationView(string Of, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<double?>> Matrix);
