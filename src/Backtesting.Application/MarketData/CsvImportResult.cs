namespace Backtesting.Application.MarketData;

/// <summary>What a CSV import stored: the rows written and the timeframe they were stored under (given or inferred).</summary>
public sealed record CsvImportResult(long Rows, string Timeframe);
