using Backtesting.Application.Curves;

namespace Backtesting.Application.Tests;

public class EquityCurveCodecTests
{
    [Fact]
    public void EncodeDecode_RoundTripsExactly_AndIsCompact()
    {
        int n = 100_000;
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var ts = Enumerable.Range(0, n).Select(i => start + i * TimeSpan.TicksPerMinute + (i % 7 == 0 ? 13 : 0)).ToArray();
        var values = Enumerable.Range(0, n).Select(i => 100_000 * Math.Exp(Math.Sin(i / 500.0) * 0.1) + i * 1e-7).ToArray();
        var curve = new EquityCurve(ts, values);

        byte[] encoded = EquityCurveCodec.Encode(curve);
        var decoded = EquityCurveCodec.Decode(encoded);

        Assert.Equal(ts, decoded.Timestamps);
        Assert.Equal(values, decoded.Values);
        // 16 bytes per point raw; delta timestamps and compression must do better
        Assert.True(encoded.Length < n * 12, $"{encoded.Length} bytes for {n} points");
    }

    [Fact]
    public void Decode_Garbage_ThrowsInvalidData()
    {
        var values = Enumerable.Range(0, 1000).Select(i => 1000.0 + i).ToArray();
        var bogus = EquityCurveCodec.Encode(new EquityCurve(Enumerable.Range(0, 1000).Select(i => (long)i).ToArray(), values));
        bogus[bogus.Length / 2] ^= 0x5A;
        Assert.ThrowsAny<InvalidDataException>(() => EquityCurveCodec.Decode(bogus));
        Assert.ThrowsAny<InvalidDataException>(() => EquityCurveCodec.Decode(new byte[] { 1, 2, 3 }));
    }
}
