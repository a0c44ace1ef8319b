using System.Globalization;
using System.Text;

namespace Backtesting.Engine.Data;

/// <summary>Writes bars as Date,Open,High,Low,Close,Volume CSV, the format <see cref="CsvBarReader"/> reads.</summary>
public static class CsvBarWriter
{
    public static void Write(BarSeries bars, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write("Date,Open,High,Low,Close,Volume\n");
        string format = "F" + bars.PriceDecimals.ToString(CultureInfo.InvariantCulture);
        bool intraday = bars.Timestamps.Any(t => t % TimeSpan.TicksPerDay != 0);
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < bars.Count; i++)
        {
            var time = bars.TimeAt(i);
            writer.Write(intraday ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (double price in (ReadOnlySpan<double>)[bars.Open[i], bars.High[i], bars.Low[i], bars.Close[i]])
            {
                writer.Write(',');
                price.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
            }
            writer.Write(',');
            bars.Volume[i].TryFormat(buffer, out int w, "R", CultureInfo.InvariantCulture);
            writer.Write(buffer[..w]);
            writer.Write('\n');
        }
    }
}
