using System.Globalization;

namespace Backtesting.Cli.Output;

/// <summary>
/// A one-line progress display on a terminal's stderr ("optimize  1,234/6,272 cells  19%  [####......]  4.1 s"),
/// rewritten in place with a carriage return and finished with a newline. It never touches stdout, so JSON output
/// stays clean; it redraws only when the shown percentage changes and at most every 100 ms (each draw is a write and
/// flush to the terminal, ~0.5 ms on this project's VMs: a 15 ms backtest drawing every percent took 60-150 ms), so a
/// fast job does not flood the terminal or wait for it.
/// </summary>
public sealed class ProgressLine : IProgress<int>, IDisposable
{
    private const int BarWidth = 20;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly string _unit;
    private readonly long _total;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _done;
    private int _shownPercent = -1;
    private TimeSpan _shownAt;
    private bool _finished;

    public ProgressLine(TextWriter error, string label, string unit, long total, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _error = error;
        _label = label;
        _unit = unit;
        _total = Math.Max(0, total);
        Draw(force: true);
    }

    /// <summary>Counts <paramref name="units"/> more done (thread-safe).</summary>
    public void Advance(long units)
    {
        Interlocked.Add(ref _done, units);
        Draw(force: false);
    }

    /// <summary>An engine's progress report: <paramref name="value"/> more units done (from any thread).</summary>
    public void Report(int value) => Advance(value);

    private void Draw(bool force)
    {
        lock (_gate)
        {
            if (_finished) return;
            long done = Math.Min(Interlocked.Read(ref _done), _total);
            int percent = _total == 0 ? 100 : (int)(100 * done / _total);
            var now = _time.GetElapsedTime(_started);
            if (!force && (percent == _shownPercent || now - _shownAt < RedrawEvery)) return;
            _shownPercent = percent;
            _shownAt = now;
            int filled = percent * BarWidth / 100;
            _error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{_label}  {done:N0}/{_total:N0} {_unit}  {percent,3}%  [{new string('#', filled)}{new string('.', BarWidth - filled)}]  {now.TotalSeconds:F1} s"));
            _error.Flush();
        }
    }

    /// <summary>Ends the line, so whatever stderr prints next starts on a fresh one.</summary>
    public void Dispose()
    {
        Draw(force: true);
        lock (_gate)
        {
            if (_finished) return;
            _finished = true;
            _error.WriteLine();
            _error.Flush();
        }
    }
}
