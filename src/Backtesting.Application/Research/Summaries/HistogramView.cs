namespace Backtesting.Application.Research;

/// <summary>A histogram: bin i holds counts[i] values in [edges[i], edges[i + 1]) (the last bin includes its upper edge).</summary>
public sealed record HistogramView(IReadOnlyList<double?> Edges, IReadOnlyList<int> Counts);
