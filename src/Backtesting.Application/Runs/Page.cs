namespace Backtesting.Application.Runs;

/// <summary>One page of a longer list, with the total count of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit);
