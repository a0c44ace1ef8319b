namespace Backtesting.Engine.Data;

/// <summary>Bar data that breaks the bar contract; names the source, the row (1-based line, header = 1) and the rule.</summary>
public sealed class BarDataException : FormatException
{
    public BarDataException(long row, string reason, string? source = null)
        : base((source is null ? "" : source + ": ") + (row > 0 ? $"row {row}: " : "") + reason)
    {
        Row = row;
        Reason = reason;
        DataSource = source;
    }

    /// <summary>1-based line number in the source (the header is line 1); 0 when the problem is not one row.</summary>
    public long Row { get; }

    /// <summary>The broken rule, without the row prefix.</summary>
    public string Reason { get; }

    /// <summary>The file or stream the bars came from, when known.</summary>
    public string? DataSource { get; }

    /// <summary>The same problem attributed to <paramref name="source"/>.</summary>
    public BarDataException WithSource(string source) => new(Row, Reason, source);
}
