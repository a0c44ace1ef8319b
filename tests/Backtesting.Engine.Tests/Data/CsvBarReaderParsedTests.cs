using Backtesting.Engine.Data;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Data;

/// <summary>The loader's early bar count (callers prepare buffers of that size while the columns are assembled).</summary>
public sealed class CsvBarReaderParsedTests
{
    [Fact]
    public void Read_Parsed_HearsTheBarCountOnceBeforeReturning()
    {
        var heard = new List<int>();
        using var stream = File.OpenRead(TestDataFiles.PathOf("GOOG.csv"));

        var bars = CsvBarReader.Read(stream, heard.Add);

        Assert.Equal([2148], heard); // GOOG.csv: 2,148 daily bars (2004-08-19 .. 2013-03-01)
        Assert.Equal(2148, bars.Count);
    }

    [Fact]
    public void Read_BadRow_ParsedNeverCalled()
    {
        var heard = new List<int>();

        Assert.Throws<BarDataException>(() => CsvBarReader.Read(
            new MemoryStream("Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n2020-01-02,1,2,x,1.5\n"u8.ToArray()), heard.Add));

        Assert.Empty(heard);
    }
}
