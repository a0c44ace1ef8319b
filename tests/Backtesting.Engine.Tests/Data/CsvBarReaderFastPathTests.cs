using System.Globalization;
using System.Text;
using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Data;

/// <summary>
/// Issue 17: the reader's fast paths (plain decimals, a date repeated across intraday rows, columns filled in blocks)
/// give the general parsers' values bit for bit.
/// </summary>
public sealed class CsvBarReaderFastPathTests
{
    [Theory]
    [InlineData("GOOG.csv")]
    [InlineData("gbm_10000.csv")]
    [InlineData("EURUSD.csv")]
    public void Read_ReferenceFiles_EqualsTheGeneralParsersRowByRow(string file)
    {
        string text = File.ReadAllText(TestDataFiles.PathOf(file));
        AssertEqualsGeneralParse(text, CsvBarReader.Parse(text));
    }

    [Theory]
    [InlineData(ColumnBlocks<long>.BlockSize)]          // exactly one full block, never parked
    [InlineData(2 * ColumnBlocks<long>.BlockSize + 17)] // two full blocks parked in native memory, the rest in the managed block
    public void Read_AcrossColumnBlocks_EqualsTheGeneralParsers(int rows)
    {
        var bars = GbmBarGenerator.Generate(new GbmOptions { Bars = rows, Seed = 17 });
        using var csv = new MemoryStream();
        CsvBarWriter.Write(bars, csv);
        string text = Encoding.UTF8.GetString(csv.ToArray());

        var read = CsvBarReader.Parse(text);

        Assert.Equal(rows, read.Count);
        AssertEqualsGeneralParse(text, read);
    }

    [Fact]
    public void PlainDecimal_RandomDecimalsUpTo15Digits_EqualDoubleParse()
    {
        var random = new Random(17);
        for (int i = 0; i < 200_000; i++)
        {
            int whole = random.Next(0, 9), fraction = random.Next(0, 16 - Math.Max(1, whole));
            string text = Digits(random, whole) + (fraction > 0 || whole == 0 ? "." + Digits(random, Math.Max(1, fraction)) : "");
            Assert.True(PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out double value, out int digits), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
            Assert.Equal(text.Contains('.') ? text.Length - text.IndexOf('.') - 1 : 0, digits);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("5.")]
    [InlineData("-1.5")]
    [InlineData("+1.5")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("1234567890123456")] // 16 significant digits: m / 10^k is no longer exact
    [InlineData("0.0000000000000001")] // 10^16 is past the exact table
    [InlineData(" 1")]
    public void PlainDecimal_AnythingButPlainDigits_IsLeftToTheGeneralParser(string text) =>
        Assert.False(PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));

    private static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (int i = 0; i < count; i++) chars[i] = (char)('0' + random.Next(10));
        return new string(chars);
    }

    /// <summary>Each cell through double.Parse and DateTime.Parse (header Date,Open,High,Low,Close,Volume or an unnamed first column).</summary>
    private static void AssertEqualsGeneralParse(string text, BarSeries bars)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(lines.Length, bars.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            var cells = lines[i];
            long ticks = DateTime.Parse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;
            Assert.Equal(ticks, bars.Timestamps[i]);
            Assert.Equal(double.Parse(cells[1], CultureInfo.InvariantCulture), bars.Open[i]);
            Assert.Equal(double.Parse(cells[2], CultureInfo.InvariantCulture), bars.High[i]);
            Assert.Equal(double.Parse(cells[3], CultureInfo.InvariantCulture), bars.Low[i]);
            Assert.Equal(double.Parse(cells[4], CultureInfo.InvariantCulture), bars.Close[i]);
            Assert.Equal(cells.Length > 5 ? double.Parse(cells[5], CultureInfo.InvariantCulture) : 0, bars.Volume[i]);
        }
    }
}
