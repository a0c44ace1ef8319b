using System.IO.Compression;
using System.Text;
using Backtesting.Engine.Data;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Data;

/// <summary>CSV parsing and the bar contract's rejections (row numbers are file lines, the header is line 1).</summary>
public sealed class CsvBarReaderTests
{
    private const string Header = "Date,Open,High,Low,Close,Volume\n";

    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private static BarDataException Reject(string csv) => Assert.Throws<BarDataException>(() => CsvBarReader.Parse(csv));

    [Fact]
    public void Read_Goog_ParsesEveryBarWithFirstAndLastValues()
    {
        var bars = TestDataFiles.Load("GOOG.csv");

        Assert.Equal(2148, bars.Count);
        // first row: 2004-08-19,100,104.06,95.96,100.34,22351900
        Assert.Equal(Utc(2004, 8, 19), bars.TimeAt(0));
        Assert.Equal(100, bars.Open[0]);
        Assert.Equal(104.06, bars.High[0]);
        Assert.Equal(95.96, bars.Low[0]);
        Assert.Equal(100.34, bars.Close[0]);
        Assert.Equal(22351900, bars.Volume[0]);
        // last row: 2013-03-01,797.8,807.14,796.15,806.19,2175400
        Assert.Equal(Utc(2013, 3, 1), bars.TimeAt(2147));
        Assert.Equal(797.8, bars.Open[^1]);
        Assert.Equal(807.14, bars.High[^1]);
        Assert.Equal(796.15, bars.Low[^1]);
        Assert.Equal(806.19, bars.Close[^1]);
        Assert.Equal(2175400, bars.Volume[^1]);
        Assert.Equal(2, bars.PriceDecimals);
    }

    [Fact]
    public void Read_Gbm_ParsesDateTimesAndSixDecimals()
    {
        var bars = TestDataFiles.Load("gbm_10000.csv");

        Assert.Equal(10_000, bars.Count);
        // 2020-01-01 00:00:00,100.001295,100.026752,99.985044,100.017881,2773
        Assert.Equal(Utc(2020, 1, 1), bars.TimeAt(0));
        Assert.Equal(100.017881, bars.Close[0]);
        // 2020-01-07 22:39:00 is minute 9999
        Assert.Equal(Utc(2020, 1, 7, 22, 39), bars.TimeAt(9999));
        Assert.Equal(94.874097, bars.Close[^1]);
        Assert.Equal(6, bars.PriceDecimals);
    }

    [Fact]
    public void Read_EurUsd_ParsesHourlyBarsWithUnnamedFirstColumn()
    {
        var bars = TestDataFiles.Load("EURUSD.csv");
        Assert.Equal(5000, bars.Count);
        Assert.Equal(Utc(2017, 4, 19, 9, 0), bars.TimeAt(0));
        Assert.Equal(1.07219, bars.Close[0]);
        Assert.Equal(5, bars.PriceDecimals);
    }

    [Theory]
    [InlineData(",Open,High,Low,Close,Volume")]
    [InlineData("Date,Open,High,Low,Close,Volume")]
    [InlineData("Timestamp,Open,High,Low,Close,Volume")]
    [InlineData("date,open,high,low,close,volume")]
    [InlineData("\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"")]
    public void Parse_TimeColumnHeaders_Accepted(string header)
    {
        var bars = CsvBarReader.Parse(header + "\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,200\n");
        Assert.Equal(2, bars.Count);
        Assert.Equal(Utc(2024, 1, 3), bars.TimeAt(1));
        Assert.Equal(11.5, bars.Close[1]);
        Assert.Equal(200, bars.Volume[1]);
    }

    [Fact]
    public void Parse_ColumnsInAnyOrderWithExtras_MappedByName()
    {
        var bars = CsvBarReader.Parse("Close,Symbol,Low,Timestamp,High,Open\n10.5,X,9,2024-01-02T10:30:00Z,11,10\n");
        var bar = Assert.Single(bars.Close);
        Assert.Equal(10.5, bar);
        Assert.Equal(10, bars.Open[0]);
        Assert.Equal(11, bars.High[0]);
        Assert.Equal(9, bars.Low[0]);
        Assert.Equal(0, bars.Volume[0]);
        Assert.Equal(Utc(2024, 1, 2, 10, 30), bars.TimeAt(0));
    }

    [Fact]
    public void Parse_CrLfLineEndings_SameAsLf()
    {
        string lf = Header + "2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.25,200\n";
        var a = CsvBarReader.Parse(lf);
        var b = CsvBarReader.Parse(lf.Replace("\n", "\r\n"));
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.Close, b.Close);
        Assert.Equal(a.Volume, b.Volume);
        Assert.Equal(11.25, b.Close[1]);
    }

    [Fact]
    public void Parse_NoTrailingNewline_ReadsLastRow()
    {
        var bars = CsvBarReader.Parse(Header + "2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,200");
        Assert.Equal(2, bars.Count);
        Assert.Equal(200, bars.Volume[1]);
    }

    [Fact]
    public void Read_Gzip_DetectedAndSameAsPlain()
    {
        byte[] plain = File.ReadAllBytes(TestDataFiles.PathOf("GOOG.csv"));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(plain);
        compressed.Position = 0;

        var fromGzip = CsvBarReader.Read(compressed);
        var fromPlain = TestDataFiles.Goog;
        Assert.Equal(fromPlain.Count, fromGzip.Count);
        Assert.Equal(fromPlain.Timestamps, fromGzip.Timestamps);
        Assert.Equal(fromPlain.Open, fromGzip.Open);
        Assert.Equal(fromPlain.Close, fromGzip.Close);
        Assert.Equal(fromPlain.PriceDecimals, fromGzip.PriceDecimals);
    }

    [Fact]
    public void Read_NonSeekableGzipStream_StillDetected()
    {
        byte[] plain = Encoding.UTF8.GetBytes(Header + "2024-01-02,10,11,9,10.5,100\n");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(plain);
        using var forwardOnly = new ForwardOnlyStream(compressed.ToArray());

        var bars = CsvBarReader.Read(forwardOnly);
        Assert.Equal(10.5, Assert.Single(bars.Close));
    }

    [Fact]
    public void Parse_NonIncreasingTimestamp_RejectedWithRow()
    {
        var ex = Reject(Header + "2024-01-02,10,11,9,10.5,100\n2024-01-03,10,11,9,10.5,100\n2024-01-03,10,11,9,10.5,100\n");
        Assert.Equal(4, ex.Row);
        Assert.Contains("row 4", ex.Message);
        Assert.Contains("strictly increasing", ex.Message);
    }

    [Fact]
    public void Parse_DecreasingTimestamp_RejectedWithRow()
    {
        var ex = Reject(Header + "2024-01-03,10,11,9,10.5,100\n2024-01-02,10,11,9,10.5,100\n");
        Assert.Equal(3, ex.Row);
        Assert.Contains("row 3", ex.Message);
        Assert.Contains("not after the previous", ex.Message);
    }

    [Fact]
    public void Parse_LowAboveMinOfOpenClose_RejectedWithRow()
    {
        // open 10, close 10.5, low 10.2 > min(open, close) = 10
        var ex = Reject(Header + "2024-01-02,10,11,10.2,10.5,100\n");
        Assert.Equal(2, ex.Row);
        Assert.Contains("row 2", ex.Message);
        Assert.Contains("low 10.2 is above min(open, close) 10", ex.Message);
    }

    [Fact]
    public void Parse_HighBelowMaxOfOpenClose_RejectedWithRow()
    {
        // open 10, close 10.5, high 10.4 < max(open, close) = 10.5
        var ex = Reject(Header + "2024-01-02,10,11,9,10.5,100\n2024-01-03,10,10.4,9,10.5,100\n");
        Assert.Equal(3, ex.Row);
        Assert.Contains("row 3", ex.Message);
        Assert.Contains("high 10.4 is below max(open, close) 10.5", ex.Message);
    }

    [Theory]
    [InlineData("2024-01-02,0,11,9,10.5,100", "open 0 must be a finite price > 0")]
    [InlineData("2024-01-02,10,11,-1,10.5,100", "low -1 must be a finite price > 0")]
    [InlineData("2024-01-02,10,11,9,0,100", "close 0 must be a finite price > 0")]
    [InlineData("2024-01-02,10,11,9,NaN,100", "close NaN must be a finite price > 0")]
    [InlineData("2024-01-02,10,11,9,10.5,-5", "volume -5 must be a finite number >= 0")]
    public void Parse_NonPositiveOrNonFiniteValue_RejectedWithRow(string row, string reason)
    {
        var ex = Reject(Header + row + "\n");
        Assert.Equal(2, ex.Row);
        Assert.Contains("row 2", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("2024-01-02,10,eleven,9,10.5,100", "high 'eleven' is not a number")]
    [InlineData("2024-01-02,10,11,9,10.5,lots", "volume 'lots' is not a number")]
    [InlineData("2024-01-02,10,11,9,,100", "close '' is not a number")]
    public void Parse_NonNumericValue_RejectedWithRowAndColumn(string row, string reason)
    {
        var ex = Reject(Header + "2024-01-01,10,11,9,10.5,100\n" + row + "\n");
        Assert.Equal(3, ex.Row);
        Assert.Contains("row 3", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Parse_BadDate_RejectedWithRow(string date)
    {
        var ex = Reject(Header + date + ",10,11,9,10.5,100\n");
        Assert.Equal(2, ex.Row);
        Assert.Contains("row 2", ex.Message);
        Assert.Contains($"timestamp '{date}' is not an ISO 8601 date", ex.Message);
    }

    [Fact]
    public void Parse_MissingColumnHeader_RejectedAtRow1NamingTheColumn()
    {
        var ex = Reject("Date,Open,High,Close,Volume\n2024-01-02,10,11,10.5,100\n");
        Assert.Equal(1, ex.Row);
        Assert.Contains("row 1", ex.Message);
        Assert.Contains("lacks column(s) Low", ex.Message);
    }

    [Fact]
    public void Parse_NoTimeColumn_RejectedAtRow1()
    {
        var ex = Reject("Symbol,Open,High,Low,Close\nX,10,11,9,10.5\n");
        Assert.Equal(1, ex.Row);
        Assert.Contains("Date (or Timestamp, or an unnamed first column)", ex.Message);
    }

    [Fact]
    public void Parse_RowWithTooFewColumns_RejectedWithRow()
    {
        var ex = Reject(Header + "2024-01-02,10,11,9\n");
        Assert.Equal(2, ex.Row);
        Assert.Contains("expected at least 6 columns, found 4", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Parse_EmptyFile_Rejected(string csv)
    {
        var ex = Reject(csv);
        Assert.Contains("the file is empty", ex.Message);
    }

    [Fact]
    public void Parse_HeaderOnly_Rejected()
    {
        var ex = Reject(Header);
        Assert.Contains("header but no bars", ex.Message);
    }

    [Fact]
    public void Read_CorruptGzip_RejectedAsBarData()
    {
        byte[] bytes = [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        Assert.Throws<BarDataException>(() => CsvBarReader.Read(new MemoryStream(bytes)));
    }

    [Fact]
    public void Parse_PriceDecimals_FromTheWidestPriceText()
    {
        Assert.Equal(0, CsvBarReader.Parse(Header + "2024-01-02,10,11,9,10,1\n").PriceDecimals);
        Assert.Equal(3, CsvBarReader.Parse(Header + "2024-01-02,10.1,11.125,9,10.5,1\n").PriceDecimals);
    }

    [Fact]
    public void WriteThenRead_RoundTripsTheBars()
    {
        var goog = TestDataFiles.Goog;
        using var stream = new MemoryStream();
        CsvBarWriter.Write(goog, stream);
        stream.Position = 0;
        var back = CsvBarReader.Read(stream);
        Assert.Equal(goog.Timestamps, back.Timestamps);
        Assert.Equal(goog.Open, back.Open);
        Assert.Equal(goog.High, back.High);
        Assert.Equal(goog.Low, back.Low);
        Assert.Equal(goog.Close, back.Close);
        Assert.Equal(goog.Volume, back.Volume);
    }

    [Fact]
    public void Read_RowWithMoreFieldsThanHeader_RejectedNamingTheLine()
    {
        // line 1 header (6 fields), line 2 fine, line 3 has a 7th field
        var ex = Reject(Header + "2024-01-01,10,11,9,10,100\n2024-01-02,10,11,9,10,100,5\n");

        Assert.Equal(3, ex.Row);
        Assert.Equal("has 7 fields but the header has 6", ex.Reason);
    }

    [Fact]
    public void Read_ExtraHeaderColumnsStillIgnored()
    {
        var bars = CsvBarReader.Parse("Date,Open,High,Low,Close,Volume,Note\n2024-01-01,10,11,9,10,100,x\n");

        Assert.Equal(10, bars.Close[0]);
    }
}
