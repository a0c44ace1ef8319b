using Backtesting.Engine.Data;

namespace Backtesting.Engine.Tests.Data;

/// <summary>The gzip reader's read-ahead: the inner stream's bytes unchanged and in order, its errors where they happen.</summary>
public sealed class ReadAheadStreamTests
{
    /// <summary>1.3 MB: many read-ahead chunks and a partial one.</summary>
    private static byte[] Payload()
    {
        var bytes = new byte[1_300_001];
        new Random(17).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void Read_AnyReadSize_SameBytesInOrder(int readSize)
    {
        byte[] payload = Payload();
        using var stream = new ReadAheadStream(new MemoryStream(payload));
        var copy = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            copy.Write(buffer, 0, read);

        Assert.Equal(payload, copy.ToArray());
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void Read_InnerStreamFails_BytesBeforeThenTheSameError()
    {
        byte[] payload = Payload();
        using var stream = new ReadAheadStream(new FailingStream(payload, failAt: 600_000));
        var copy = new MemoryStream();
        var buffer = new byte[4096];
        var ex = Assert.Throws<IOException>(() =>
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                copy.Write(buffer, 0, read);
        });

        Assert.Equal("disk gone at 600000", ex.Message);
        Assert.Equal(payload.AsSpan(0, 600_000).ToArray(), copy.ToArray());
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsAndDisposesTheInnerStream()
    {
        var inner = new MemoryStream(Payload());
        var stream = new ReadAheadStream(inner);
        Assert.Equal(10, stream.Read(new byte[10], 0, 10));

        stream.Dispose();

        Assert.False(inner.CanRead);
    }

    /// <summary>Serves <c>failAt</c> bytes of the payload, then throws.</summary>
    private sealed class FailingStream(byte[] payload, int failAt) : MemoryStream(payload)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAt) throw new IOException($"disk gone at {Position}");
            return base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));
        }

        public override int Read(Span<byte> buffer)
        {
            if (Position >= failAt) throw new IOException($"disk gone at {Position}");
            return base.Read(buffer[..(int)Math.Min(buffer.Length, failAt - Position)]);
        }
    }
}
