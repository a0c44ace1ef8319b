using System.Collections.Concurrent;
using Backtesting.Engine.Optimization;

namespace Backtesting.Engine.Tests.Optimization;

/// <summary>The grid's piece scheduler: every cell handed out once, a signal set never holds two batches at once, cells before idling.</summary>
public sealed class GridWorkTests
{
    [Fact]
    public void TryTake_OneWorker_BatchThenItsCellsThenNextBatch()
    {
        // units: a batch of three cells, then a shared cell, then a batch of two; one worker brings one set
        (int, int)[] units = [(0, 3), (3, 1), (4, 2)];
        var work = new GridWork(units, u => u == 1);
        var set = new sbyte[3][];
        int worker = work.AddSet(set);
        var taken = new List<string>();

        while (work.TryTake(worker, out var piece))
        {
            taken.Add($"{piece.Kind}:{piece.Unit}.{piece.Slot}");
            if (piece.Kind == GridWork.PieceKind.Batch)
            {
                Assert.Same(set, piece.Signals);
                work.Generated(worker, piece);
                work.Simulated(piece); // the generator's first cell
            }
            else if (piece.Kind == GridWork.PieceKind.Cell)
            {
                work.Simulated(piece);
            }
        }

        // a worker's own queued cells come before the next unit, the shared cell (which needs no set) included
        Assert.Equal(["Batch:0.0", "Cell:0.1", "Cell:0.2", "SharedCell:1.0", "Batch:2.0", "Cell:2.1"], taken);
    }

    [Fact]
    public void TryTake_TwoWorkers_OwnCellsFirstThenNextBatchThenTheOthersCells()
    {
        (int, int)[] units = [(0, 3), (3, 2)];
        var work = new GridWork(units, _ => false);
        int a = work.AddSet(new sbyte[3][]), b = work.AddSet(new sbyte[3][]);

        Assert.True(work.TryTake(a, out var first));
        work.Generated(a, first); // a simulates cell 0.0 now; 0.1 and 0.2 wait in a's queue
        Assert.True(work.TryTake(b, out var second)); // b's set is free: the next batch before a's cells
        Assert.Equal((GridWork.PieceKind.Batch, 1), (second.Kind, second.Unit));
        Assert.NotSame(first.Signals, second.Signals);
        work.Generated(b, second);
        Assert.True(work.TryTake(b, out var own)); // b's own cell 1.1
        Assert.Equal((GridWork.PieceKind.Cell, 1, 1), (own.Kind, own.Unit, own.Slot));
        Assert.True(work.TryTake(b, out var stolen)); // no unit left: a's queued cell
        Assert.Equal((GridWork.PieceKind.Cell, 0, 1), (stolen.Kind, stolen.Unit, stolen.Slot));
        Assert.Same(first.Signals, stolen.Signals);
        Assert.True(work.TryTake(a, out var last));
        Assert.Equal((GridWork.PieceKind.Cell, 0, 2), (last.Kind, last.Unit, last.Slot));
        foreach (var cell in new[] { first, second, own, stolen, last }) work.Simulated(cell);
        Assert.False(work.TryTake(a, out _));
        Assert.False(work.TryTake(b, out _));
    }

    [Fact]
    public void TryTake_ManyWorkers_EveryCellOnceAndNoSetHoldsTwoBatches()
    {
        // 50 units of 1-8 cells (every seventh shared) across four threads, more than this machine's cores
        var units = new List<(int First, int Length)>();
        for (int u = 0, first = 0; u < 50; u++)
        {
            int length = u % 7 == 3 ? 1 : 1 + (u * 5 % 8);
            units.Add((first, length));
            first += length;
        }
        int cellCount = units[^1].First + units[^1].Length;
        var work = new GridWork(units, u => u % 7 == 3);
        var done = new int[cellCount];
        var holder = new ConcurrentDictionary<sbyte[][], int>(ReferenceEqualityComparer.Instance);
        int maxSetsInUse = 0, setsInUse = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            int worker = work.AddSet(new sbyte[8][]);
            while (work.TryTake(worker, out var piece))
            {
                var (first, _) = units[piece.Unit];
                switch (piece.Kind)
                {
                    case GridWork.PieceKind.SharedCell:
                        Interlocked.Increment(ref done[first]);
                        break;
                    case GridWork.PieceKind.Batch:
                        Assert.True(holder.TryAdd(piece.Signals!, piece.Unit), "a set handed to a second batch while in use");
                        int inUse = Interlocked.Increment(ref setsInUse);
                        InterlockedMax(ref maxSetsInUse, inUse);
                        Thread.SpinWait(200);
                        work.Generated(worker, piece);
                        Finish(piece);
                        break;
                    default:
                        Assert.Equal(piece.Unit, holder[piece.Signals!]);
                        Finish(piece);
                        break;
                }
            }
        });

        Assert.All(done, count => Assert.Equal(1, count));
        Assert.Empty(holder);
        Assert.InRange(maxSetsInUse, 1, 4);

        void Finish(GridWork.Piece cell)
        {
            var (first, length) = units[cell.Unit];
            Interlocked.Increment(ref done[first + cell.Slot]);
            // the last cell of a batch: its set leaves the holder map before the scheduler may hand it out again
            if (Interlocked.Decrement(ref Remaining(cell.Unit, length)) == 0)
            {
                Assert.True(holder.TryRemove(cell.Signals!, out _));
                Interlocked.Decrement(ref setsInUse);
            }
            work.Simulated(cell);
        }
    }

    [Fact]
    public async Task TryTake_AfterAbandon_ReturnsFalseInsteadOfWaiting()
    {
        var work = new GridWork([(0, 4)], _ => false);
        int generator = work.AddSet(new sbyte[4][]);
        int other = work.AddSet(new sbyte[4][]);
        Assert.True(work.TryTake(generator, out var batch));
        Assert.Equal(GridWork.PieceKind.Batch, batch.Kind);

        // a second worker would wait for the batch's cells; the generator fails instead
        var waiting = Task.Run(() => work.TryTake(other, out _));
        work.Abandon();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private readonly ConcurrentDictionary<int, StrongBox> _remaining = new();

    private ref int Remaining(int unit, int length) => ref _remaining.GetOrAdd(unit, _ => new StrongBox(length)).Value;

    private sealed class StrongBox(int value)
    {
        public int Value = value;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
