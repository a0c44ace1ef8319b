namespace Backtesting.Engine.Optimization;

/// <summary>
/// The pieces of a grid's units that its workers claim one at a time: a batch's signals (one kernel call for up to its
/// width of cells) and then each of that batch's cells' simulation with metrics, which any worker may take; a
/// shared-signal cell is one piece. Why: a batch of eight MACD cells is ~3.5 ms of CPU and a 10x10 grid only 13 such
/// units, so a worker could idle for most of one at the end; cells claimed one by one leave at most about one cell
/// (~0.4 ms) between the workers' ends.
/// <para>
/// A batch is written into a free signal set (each worker brings one, <see cref="AddSet"/>), so batches in flight stay
/// at most one per worker. A worker takes, in this order: a queued cell of a batch it generated (its signals are in
/// its core's cache), the next unit while a set is free, another worker's queued cell; so each worker mostly runs its
/// own batches as before, and at the end one worker's generation overlaps the other's simulations of its cells.
/// </para>
/// </summary>
internal sealed class GridWork(IReadOnlyList<(int First, int Length)> units, Func<int, bool> isShared)
{
    private readonly object _gate = new();

    /// <summary>Queued cells per worker that generated their batch (index: the worker's number from <see cref="AddSet"/>).</summary>
    private readonly List<Queue<Piece>> _cells = [];
    private readonly Stack<sbyte[][]> _free = new();
    private readonly int[] _remaining = [.. units.Select(u => u.Length)];
    private int _next;
    private int _generating;
    private bool _abandoned;

    /// <summary>A joining worker's signal set (one array per batch slot) that any batch may be written into; returns the worker's number.</summary>
    public int AddSet(sbyte[][] signals)
    {
        lock (_gate)
        {
            _free.Push(signals);
            _cells.Add(new Queue<Piece>());
            Monitor.PulseAll(_gate);
            return _cells.Count - 1;
        }
    }

    /// <summary>
    /// The next piece for the calling worker; false once every piece is taken. Waits only while another worker
    /// generates a batch whose cells are all that is left (or holds every set), since those cells are work to share.
    /// </summary>
    public bool TryTake(int worker, out Piece piece)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_abandoned)
                {
                    piece = default;
                    return false;
                }
                if (_cells[worker].TryDequeue(out piece)) return true;
                if (_next < units.Count && (isShared(_next) || _free.Count > 0))
                {
                    int unit = _next++;
                    if (isShared(unit))
                    {
                        piece = new Piece(PieceKind.SharedCell, unit, 0, null);
                        return true;
                    }
                    _generating++;
                    piece = new Piece(PieceKind.Batch, unit, 0, _free.Pop());
                    return true;
                }
                foreach (var other in _cells)
                    if (other.TryDequeue(out piece)) return true;
                if (_next >= units.Count && _generating == 0) return false;
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>
    /// Batch <paramref name="piece"/>'s signals are written by <paramref name="worker"/>: its cells after the first queue,
    /// for that worker first (it simulates the first at once).
    /// </summary>
    public void Generated(int worker, Piece piece)
    {
        lock (_gate)
        {
            _generating--;
            for (int slot = 1; slot < units[piece.Unit].Length; slot++) _cells[worker].Enqueue(new Piece(PieceKind.Cell, piece.Unit, slot, piece.Signals));
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A cell of a batch is simulated; the batch's last one frees its signal set.</summary>
    public void Simulated(Piece cell)
    {
        lock (_gate)
        {
            if (--_remaining[cell.Unit] > 0) return;
            _free.Push(cell.Signals!);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A worker failed: the others stop taking pieces (none waits for a batch that will not come).</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            Monitor.PulseAll(_gate);
        }
    }

    public enum PieceKind
    {
        /// <summary>Generate a batch's signals into <see cref="Piece.Signals"/>, then simulate its first cell.</summary>
        Batch,

        /// <summary>Simulate slot <see cref="Piece.Slot"/> of a batch whose signals are in <see cref="Piece.Signals"/>.</summary>
        Cell,

        /// <summary>A shared-signal cell, its unit alone: acquire the shared signals and simulate.</summary>
        SharedCell,
    }

    /// <summary>One piece of work: its kind, unit, slot in the unit, and the batch's signal set (null for a shared cell).</summary>
    public readonly record struct Piece(PieceKind Kind, int Unit, int Slot, sbyte[][]? Signals);
}
