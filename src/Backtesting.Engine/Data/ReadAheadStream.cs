using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Backtesting.Engine.Data;

/// <summary>
/// Reads an inner stream ahead on its own thread into a few chunks, so that decompressing a gzip file and parsing its
/// text run on two cores at once; the bytes come out unchanged and in order, and an error of the inner stream is
/// rethrown by the <see cref="Read(byte[], int, int)"/> that reaches it. Owns (and disposes) the inner stream.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 1 << 16;
    private const int Chunks = 4;

    private readonly Stream _inner;
    private readonly BlockingCollection<byte[]> _free = new(Chunks);
    private readonly BlockingCollection<(byte[] Chunk, int Length)> _filled = new(Chunks);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private ExceptionDispatchInfo? _error;
    private byte[]? _chunk;
    private int _length, _offset;
    private bool _ended;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        for (int i = 0; i < Chunks; i++) _free.Add(new byte[ChunkSize]);
        _reader = new Thread(ReadAhead) { IsBackground = true, Name = "csv read-ahead" };
        _reader.Start();
    }

    private void ReadAhead()
    {
        try
        {
            while (true)
            {
                var chunk = _free.Take(_stop.Token);
                int length = 0;
                try
                {
                    for (int read; length < chunk.Length && (read = _inner.Read(chunk, length, chunk.Length - length)) > 0;)
                        length += read;
                }
                catch (Exception ex)
                {
                    // the bytes before the error first; the consumer rethrows it where the data ends
                    _error = ExceptionDispatchInfo.Capture(ex);
                    if (length > 0) _filled.Add((chunk, length), _stop.Token);
                    _filled.Add(([], 0), _stop.Token);
                    return;
                }
                _filled.Add((chunk, length), _stop.Token);
                if (length == 0) return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (_offset == _length)
        {
            if (_ended) return 0;
            if (_chunk is { Length: > 0 }) _free.Add(_chunk);
            (_chunk, _length) = _filled.Take();
            _offset = 0;
            if (_length == 0)
            {
                _ended = true;
                _error?.Throw();
                return 0;
            }
        }
        int n = Math.Min(buffer.Length, _length - _offset);
        _chunk.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _reader.Join();
            _inner.Dispose();
            _stop.Dispose();
            _free.Dispose();
            _filled.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
