using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;

namespace Backtesting.Engine.Data;

/// <summary>
/// Reads OHLCV bars from CSV (plain or gzip, detected from the stream's first bytes).
/// Header: a Date/Timestamp/Time/Datetime column (or an unnamed first column), then Open, High,
/// Low, Close and optionally Volume, in any order and case; other columns are ignored; a row may not have more fields than the header.
/// Every rule of the bar contract is checked; the first broken one throws
/// <see cref="BarDataException"/> with its line number. Nothing is repaired.
/// </summary>
public static class CsvBarReader
{
    private const int BufferSize = 1 << 20;
    private static readonly string[] TimeHeaders = ["date", "timestamp", "time", "datetime", "date_time", "ts"];

    /// <summary>
    /// Reads every bar of <paramref name="stream"/>; the stream is left open. <paramref name="parsed"/>, if given, hears
    /// the number of bars as soon as every line is parsed, before the columns are assembled (the last part of a large
    /// read), so a caller can prepare buffers of that size on another thread meanwhile.
    /// </summary>
    public static BarSeries Read(Stream stream, Action<int>? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // gzip is decompressed on a second thread while this one parses (about half the time of a large file each)
        Stream source = IsGzip(ref stream) ? new ReadAheadStream(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true)) : stream;
        try
        {
            return ReadPlain(source, parsed);
        }
        catch (InvalidDataException ex)
        {
            throw new BarDataException(0, $"the gzip stream is corrupt: {ex.Message}");
        }
        finally
        {
            if (!ReferenceEquals(source, stream))
                source.Dispose();
        }
    }

    /// <summary>Reads bars from CSV text (for tests and small inputs).</summary>
    public static BarSeries Parse(string csv) => Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));

    private static bool IsGzip(ref Stream stream)
    {
        if (!stream.CanSeek)
            stream = new BufferedPeekStream(stream);
        long start = stream.Position;
        int b0 = stream.ReadByte(), b1 = stream.ReadByte();
        stream.Position = start;
        return b0 == 0x1f && b1 == 0x8b;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static BarSeries ReadPlain(Stream stream, Action<int>? parsed)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var state = new ParseState();
            int filled = 0;
            long lineNumber = 0;
            while (true)
            {
                int read = stream.Read(buffer, filled, buffer.Length - filled);
                bool end = read == 0;
                filled += read;
                int consumed = 0;
                var span = buffer.AsSpan(0, filled);
                while (true)
                {
                    int nl = span[consumed..].IndexOf((byte)'\n');
                    ReadOnlySpan<byte> line;
                    if (nl >= 0)
                    {
                        line = span.Slice(consumed, nl);
                        consumed += nl + 1;
                    }
                    else if (end && consumed < filled)
                    {
                        line = span[consumed..];
                        consumed = filled;
                    }
                    else break;
                    lineNumber++;
                    if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
                    if (line.IsEmpty) continue;
                    state.AddLine(line, lineNumber);
                }
                if (end) break;
                // keep the partial line at the front; grow when a single line fills the buffer
                int remaining = filled - consumed;
                if (remaining == buffer.Length)
                    throw new BarDataException(lineNumber + 1, $"line longer than {buffer.Length} bytes");
                buffer.AsSpan(consumed, remaining).CopyTo(buffer);
                filled = remaining;
            }
            return state.Finish(parsed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class ParseState : IDisposable
    {
        private int _time = -1, _open = -1, _high = -1, _low = -1, _close = -1, _volume = -1, _columns;
        private bool _hasHeader;
        private int _count;
        private int _decimals;
        private long _lastTicks;
        private DayCache _day;
        private readonly ColumnBlocks<long> _ts = new();
        private readonly ColumnBlocks<double> _o = new(), _h = new(), _l = new(), _c = new(), _v = new();
        // the managed blocks row _count is written to
        private long[] _tsBlock = [];
        private double[] _oBlock = [], _hBlock = [], _lBlock = [], _cBlock = [], _vBlock = [];
        private readonly double[] _fields = new double[5];

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AddLine(ReadOnlySpan<byte> line, long lineNumber)
        {
            if (!_hasHeader)
            {
                ReadHeader(line);
                _hasHeader = true;
                return;
            }
            int row = _count & (ColumnBlocks<long>.BlockSize - 1);
            if (row == _tsBlock.Length || (row == 0 && _count > 0)) MakeRoom();
            // a row with more fields than the header has no column for the extra ones: a shifted or broken row, not data to guess at
            int fields = line.Count((byte)',') + 1;
            if (fields > _columns)
                throw new BarDataException(lineNumber, $"has {fields} fields but the header has {_columns}");

            long ticks = 0;
            int column = 0;
            int needed = Math.Max(Math.Max(Math.Max(_time, _open), Math.Max(_high, _low)), Math.Max(_close, _volume));
            _fields[4] = 0;
            while (column <= needed)
            {
                int comma = line.IndexOf((byte)',');
                ReadOnlySpan<byte> cell = comma >= 0 ? line[..comma] : line;
                if (column == _time)
                {
                    if (!TryParseTimestamp(Trim(cell), ref _day, out ticks))
                        throw new BarDataException(lineNumber, $"timestamp '{Text(cell)}' is not an ISO 8601 date or date-time");
                }
                else
                {
                    int slot = column == _open ? 0 : column == _high ? 1 : column == _low ? 2 : column == _close ? 3 : column == _volume ? 4 : -1;
                    if (slot >= 0)
                    {
                        cell = Trim(cell);
                        if (PlainDecimal.TryParse(cell, out double value, out int fractionDigits))
                        {
                            if (slot < 4 && fractionDigits > _decimals)
                                _decimals = Math.Min(PriceScale.MaxDecimals, fractionDigits);
                        }
                        else
                        {
                            if (!Utf8Parser.TryParse(cell, out value, out int used) || used != cell.Length)
                            {
                                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                                    throw new BarDataException(lineNumber, $"{ColumnName(slot)} '{Text(cell)}' is not a number");
                            }
                            if (slot < 4)
                            {
                                int dot = cell.IndexOf((byte)'.');
                                if (dot >= 0 && cell.Length - dot - 1 > _decimals && cell.IndexOfAny((byte)'e', (byte)'E') < 0)
                                    _decimals = Math.Min(PriceScale.MaxDecimals, cell.Length - dot - 1);
                            }
                        }
                        _fields[slot] = value;
                    }
                }
                column++;
                if (comma < 0) break;
                line = line[(comma + 1)..];
            }
            if (column <= needed)
                throw new BarDataException(lineNumber, $"expected at least {needed + 1} columns, found {column}");

            double o = _fields[0], h = _fields[1], l = _fields[2], c = _fields[3], v = _fields[4];
            string? reason = BarSeriesValidator.Check(o, h, l, c, v);
            if (reason is not null)
                throw new BarDataException(lineNumber, reason);
            if (_count > 0 && ticks <= _lastTicks)
                throw new BarDataException(lineNumber,
                    $"timestamp {new DateTime(ticks, DateTimeKind.Utc):O} is not after the previous row's {new DateTime(_lastTicks, DateTimeKind.Utc):O} (timestamps must be strictly increasing)");
            _tsBlock[row] = ticks;
            _oBlock[row] = o;
            _hBlock[row] = h;
            _lBlock[row] = l;
            _cBlock[row] = c;
            _vBlock[row] = v;
            _lastTicks = ticks;
            _count++;
        }

        public BarSeries Finish(Action<int>? parsed)
        {
            if (!_hasHeader)
                throw new BarDataException(0, "the file is empty: expected a header row with Date, Open, High, Low, Close, Volume");
            if (_count == 0)
                throw new BarDataException(0, "the file has a header but no bars");
            parsed?.Invoke(_count);
            return new BarSeries(_ts.ToArray(_count), _o.ToArray(_count), _h.ToArray(_count), _l.ToArray(_count), _c.ToArray(_count), _v.ToArray(_count), _decimals);
        }

        private void MakeRoom()
        {
            _tsBlock = _ts.Room(_count);
            _oBlock = _o.Room(_count);
            _hBlock = _h.Room(_count);
            _lBlock = _l.Room(_count);
            _cBlock = _c.Room(_count);
            _vBlock = _v.Room(_count);
        }

        /// <summary>Frees the parked blocks (after <see cref="Finish"/> there are none; after an error there may be).</summary>
        public void Dispose()
        {
            _ts.Dispose();
            _o.Dispose();
            _h.Dispose();
            _l.Dispose();
            _c.Dispose();
            _v.Dispose();
        }

        private void ReadHeader(ReadOnlySpan<byte> line)
        {
            string header = Text(line).TrimStart('\uFEFF');
            string[] names = header.Split(',');
            _columns = names.Length;
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i].Trim().Trim('"').ToLowerInvariant();
                if (name.Length == 0 && i == 0 || TimeHeaders.Contains(name)) _time = _time < 0 ? i : _time;
                else if (name == "open") _open = i;
                else if (name == "high") _high = i;
                else if (name == "low") _low = i;
                else if (name == "close") _close = i;
                else if (name == "volume") _volume = i;
            }
            var missing = new List<string>();
            if (_time < 0) missing.Add("Date (or Timestamp, or an unnamed first column)");
            if (_open < 0) missing.Add("Open");
            if (_high < 0) missing.Add("High");
            if (_low < 0) missing.Add("Low");
            if (_close < 0) missing.Add("Close");
            if (missing.Count > 0)
                throw new BarDataException(1, $"header '{header}' lacks column(s) {string.Join(", ", missing)}; expected Date,Open,High,Low,Close,Volume");
        }

        private static string ColumnName(int slot) => slot switch { 0 => "open", 1 => "high", 2 => "low", 3 => "close", _ => "volume" };
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> cell)
    {
        cell = cell.Trim((byte)' ');
        if (cell.Length >= 2 && cell[0] == (byte)'"' && cell[^1] == (byte)'"') cell = cell[1..^1];
        return cell;
    }

    private static string Text(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>Fast path for yyyy-MM-dd[( |T)HH:mm[:ss[.fff]]][Z|+00:00]; anything else goes through DateTime.TryParse.</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<byte> s, out long ticks)
    {
        var day = default(DayCache);
        return TryParseTimestamp(s, ref day, out ticks);
    }

    /// <summary>The last yyyy-MM-dd text seen and its midnight: intraday rows repeat their date many times.</summary>
    private struct DayCache
    {
        public ulong Head;
        public ushort Tail;
        public long Ticks;
        public bool Valid;
    }

    private static bool TryParseTimestamp(ReadOnlySpan<byte> s, ref DayCache cache, out long ticks)
    {
        ticks = 0;
        if (s.Length >= 10 && TryParseDay(s, ref cache, out long dayTicks))
        {
            if (s.Length == 10)
            {
                ticks = dayTicks;
                return true;
            }
            if ((s[10] == ' ' || s[10] == 'T') && s.Length >= 16 && s[13] == ':'
                && TryDigits(s, 11, 2, out int hour) && TryDigits(s, 14, 2, out int minute) && hour < 24 && minute < 60)
            {
                int second = 0;
                int pos = 16;
                if (s.Length >= 19 && s[16] == ':')
                {
                    if (!TryDigits(s, 17, 2, out second) || second >= 60) return false;
                    pos = 19;
                }
                long fraction = 0;
                if (pos < s.Length && s[pos] == '.')
                {
                    pos++;
                    long scale = TimeSpan.TicksPerSecond;
                    while (pos < s.Length && s[pos] >= '0' && s[pos] <= '9')
                    {
                        scale /= 10;
                        fraction += (s[pos] - '0') * scale;
                        pos++;
                    }
                }
                var rest = s[pos..];
                if (rest.IsEmpty || rest.SequenceEqual("Z"u8) || rest.SequenceEqual("+00:00"u8))
                {
                    ticks = dayTicks + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction;
                    return true;
                }
            }
        }
        if (DateTime.TryParse(Text(s), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            ticks = parsed.Ticks;
            return true;
        }
        return false;
    }

    private static bool TryParseDay(ReadOnlySpan<byte> s, ref DayCache cache, out long ticks)
    {
        ulong head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s);
        ushort tail = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(s[8..]);
        if (cache.Valid && cache.Head == head && cache.Tail == tail)
        {
            ticks = cache.Ticks;
            return true;
        }
        ticks = 0;
        if (s[4] != '-' || s[7] != '-'
            || !TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        ticks = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        cache = new DayCache { Head = head, Tail = tail, Ticks = ticks, Valid = true };
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>Makes a forward-only stream seekable over its first bytes so the gzip magic can be peeked.</summary>
    private sealed class BufferedPeekStream(Stream inner) : Stream
    {
        private readonly byte[] _head = new byte[2];
        private int _headLength = -1;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set
            {
                if (value < 0 || value > 2 || (_headLength >= 0 && value > _headLength && _position <= _headLength))
                    throw new NotSupportedException("only the first two bytes can be revisited");
                _position = value;
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_headLength < 0)
                _headLength = inner.ReadAtLeast(_head, 2, throwOnEndOfStream: false);
            if (_position < _headLength)
            {
                int n = Math.Min(count, _headLength - (int)_position);
                Array.Copy(_head, _position, buffer, offset, n);
                _position += n;
                return n;
            }
            int read = inner.Read(buffer, offset, count);
            _position += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
