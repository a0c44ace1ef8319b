using System.Globalization;

namespace Backtesting.Cli.Output;

/// <summary>A plain aligned text table for terminal output.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object?[] cells) => _rows.Add(cells.Select(Format).ToArray());

    public void WriteTo(TextWriter writer)
    {
        int[] widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
            writer.WriteLine(string.Join("  ", row.Select((c, i) => IsNumeric(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
    }

    public static string Format(object? value) => value switch
    {
        null => "-",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e12 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumeric(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
