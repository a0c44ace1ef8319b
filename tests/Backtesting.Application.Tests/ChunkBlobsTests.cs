using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Application.Tests;

/// <summary>
/// Issue 17: the chunk blobs of Durable workers (EQC2 curves, CHTR trades) hold the same values as the blobs of older
/// workers (EQC1, JSON), which still read (a run whose chunks were written before an upgrade finishes after it), and
/// decoded into one recording of the run they finish as one pass.
/// </summary>
public sealed class ChunkBlobsTests
{
    private static readonly BacktestJob Job = new()
    {
        RunId = "r", UserId = "u", StrategyId = "sma_crossover", AssetSymbol = "GBM", Timeframe = "1m", InitialCapital = 100_000,
        Parameters = new()
        {
            ["fast_period"] = JsonSerializer.SerializeToElement(5), ["slow_period"] = JsonSerializer.SerializeToElement(20),
            ["commission"] = JsonSerializer.SerializeToElement(0.0001), ["direction"] = JsonSerializer.SerializeToElement("long_short"),
            ["stop_loss_pct"] = JsonSerializer.SerializeToElement(0.0015), ["take_profit_pct"] = JsonSerializer.SerializeToElement(0.0015),
        },
    };

    private static readonly BarSeries Bars = GbmBarGenerator.Generate(new GbmOptions
    {
        Bars = 5_000, Seed = 11, Start = new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(1),
    });

    [Fact]
    public void Encode_WritesTheSameCurveAsEqc2_AndTradesThatReadAsTheOldJsonDoes()
    {
        var inputs = BacktestInputs.Create(Job, Bars);
        var plan = BacktestPlan.Create(Bars.Count, 3);
        var state = SimulatorState.Initial(Job.InitialCapital);
        var reasons = new HashSet<ExitReason>();
        var sides = new HashSet<PositionSide>();
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            int from = plan.Boundaries[k], to = plan.Boundaries[k + 1];
            var (expectedEquity, expectedTrades) = EncodedAsBefore(inputs, state with { }, from, to);
            using var chunk = new ChunkRecording(Bars, from, to);
            inputs.CreateSimulator().Advance(state, to, chunk);
            var (equity, trades) = ChunkBlobs.Encode(chunk);

            Assert.True(chunk.ClosedTrades.Length > 10, "too few trades in a chunk to compare");
            // the curve's format changed (EQC1 -> EQC2, issue 17), its points did not
            Assert.Equal("EQC2"u8.ToArray(), equity[..4]);
            var before = EquityCurveCodec.Decode(expectedEquity);
            var now = EquityCurveCodec.Decode(equity);
            Assert.Equal(before.Timestamps, now.Timestamps);
            Assert.Equal(before.Values.Select(BitConverter.DoubleToInt64Bits), now.Values.Select(BitConverter.DoubleToInt64Bits));
            // the trades' format changed (JSON -> CHTR, issue 17): the old JSON and the new blob read as the same values,
            // bit for bit (a record's equality compares doubles by value: -0.0 == 0.0, so the bits are compared)
            Assert.Equal("CHTR"u8.ToArray(), trades[..4]);
            var fromJson = new List<ClosedTradeRecord>();
            var fromBinary = new List<ClosedTradeRecord>();
            ChunkTradesCodec.Decode(expectedTrades, Bars, from, to, fromJson);
            ChunkTradesCodec.Decode(trades, Bars, from, to, fromBinary);
            Assert.Equal(chunk.ClosedTrades.ToArray().Select(Bits), fromJson.Select(Bits));
            Assert.Equal(fromJson.Select(Bits), fromBinary.Select(Bits));
            foreach (var t in chunk.ClosedTrades)
            {
                reasons.Add(t.ExitReason);
                sides.Add(t.Side);
            }
        }
        // every value the blobs carry is compared: both sides, exits by signal, stop loss and take profit
        Assert.True(reasons.Count == 3, string.Join(", ", reasons));
        Assert.Equal(2, sides.Count);
    }

    [Fact]
    public void Encode_AllocatesAboutTheBlobsOnly()
    {
        var inputs = BacktestInputs.Create(Job, Bars);
        using var chunk = new ChunkRecording(Bars, 0, Bars.Count);
        inputs.CreateSimulator().Advance(SimulatorState.Initial(Job.InitialCapital), Bars.Count, chunk);
        var (equity, trades) = ChunkBlobs.Encode(chunk); // warm: nothing is left to allocate but the blobs
        Assert.True(chunk.ClosedTrades.Length > 300, $"{chunk.ClosedTrades.Length} trades: too few to count");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var again = ChunkBlobs.Encode(chunk);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(equity, again.Equity);
        Assert.Equal(trades, again.Trades);
        // the two blobs' arrays, each sized exactly, and small change (the tuple); no growing stream or buffer beside them
        long blobs = equity.Length + trades.Length;
        Assert.True(allocated < blobs + 1024, $"{allocated} bytes allocated for {blobs} bytes of blobs");
    }

    [Fact]
    public void DecodeInto_OldJsonTradesOfAnotherSeriesOrIncomplete_AreRejectedNamingTheField()
    {
        var inputs = BacktestInputs.Create(Job, Bars);
        var (equity, trades) = EncodedAsBefore(inputs, SimulatorState.Initial(Job.InitialCapital), 0, 1000);
        string json = Encoding.UTF8.GetString(trades);
        var first = JsonNode.Parse(json)!.AsArray()[0]!;
        Assert.NotNull(first["entry_time"]);

        // the same trades, one minute later: another series' times
        var shifted = JsonNode.Parse(json)!.AsArray();
        foreach (var t in shifted) t!["entry_time"] = ((DateTime)t["entry_time"]!).AddMinutes(1);
        var ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 1000, equity, Encoding.UTF8.GetBytes(shifted.ToJsonString())));
        Assert.Contains("entry_time", ex.Message, StringComparison.Ordinal);

        var noPnl = JsonNode.Parse(json)!.AsArray();
        noPnl[0]!.AsObject().Remove("pnl");
        ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 1000, equity, Encoding.UTF8.GetBytes(noPnl.ToJsonString())));
        Assert.Contains("trade 0 has no pnl", ex.Message, StringComparison.Ordinal);

        var badReason = JsonNode.Parse(json)!.AsArray();
        badReason[0]!["exit_reason"] = "margin_call";
        ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 1000, equity, Encoding.UTF8.GetBytes(badReason.ToJsonString())));
        Assert.Contains("exit_reason 'margin_call' is not one of open, signal, stop_loss, take_profit, end_of_data", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 1000, equity, trades.AsSpan(0, trades.Length / 2)));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);

        // and the intact blobs decode
        var run = new RunRecording(Bars);
        ChunkBlobs.DecodeInto(run, 1000, equity, trades);
        Assert.Equal(1000, run.NextBar);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(7, true)]
    [InlineData(50, false)]
    [InlineData(50, true)]
    public void BlobsDecodedIntoTheRun_FinishAsOnePass(int chunks, bool writtenBeforeTheUpgrade)
    {
        var inputs = BacktestInputs.Create(Job, Bars);
        var whole = inputs.CreateSimulator().Run();
        var plan = BacktestPlan.Create(Bars.Count, chunks);
        var state = SimulatorState.Initial(Job.InitialCapital);
        var blobs = new List<(byte[] Equity, byte[] Trades)>();
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            if (writtenBeforeTheUpgrade)
            {
                blobs.Add(EncodedAsBefore(inputs, state, plan.Boundaries[k], plan.Boundaries[k + 1]));
                continue;
            }
            using var chunk = new ChunkRecording(Bars, plan.Boundaries[k], plan.Boundaries[k + 1]);
            inputs.CreateSimulator().Advance(state, plan.Boundaries[k + 1], chunk);
            blobs.Add(ChunkBlobs.Encode(chunk));
        }

        var run = new RunRecording(Bars);
        for (int k = 0; k < plan.ChunkCount; k++)
            ChunkBlobs.DecodeInto(run, plan.Boundaries[k + 1], blobs[k].Equity, blobs[k].Trades);
        var output = inputs.CreateSimulator().Finish(state, run);

        Assert.Equal(whole.Equity, output.Equity);
        Assert.Equal(whole.ClosedTrades, output.ClosedTrades);
        Assert.Equal(whole.OpenTrade, output.OpenTrade);
        Assert.Equal(whole.FinalState, output.FinalState);
        var options = Job.ToBacktestOptions();
        Assert.Equal(BacktestEngine.Assemble(Bars, whole, Job.InitialCapital, options).Metrics, BacktestEngine.Assemble(Bars, output, Job.InitialCapital, options).Metrics);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DecodeInto_AnotherChunksCurve_IsRejected(bool writtenBeforeTheUpgrade)
    {
        var inputs = BacktestInputs.Create(Job, Bars);
        var state = SimulatorState.Initial(Job.InitialCapital);
        var first = EncodedAsBefore(inputs, state, 0, 100);
        var second = EncodedAsBefore(inputs, state, 100, 200);
        if (!writtenBeforeTheUpgrade)
        {
            first = (EquityCurveCodec.Encode(EquityCurveCodec.Decode(first.Equity)), first.Trades);
            second = (EquityCurveCodec.Encode(EquityCurveCodec.Decode(second.Equity)), second.Trades);
        }

        // the second chunk's curve offered for bars [0, 100): same length, other timestamps
        var ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 100, second.Equity, first.Trades));
        Assert.Contains("timestamps", ex.Message, StringComparison.Ordinal);
        // a curve of 100 points for 150 bars
        ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 150, first.Equity, first.Trades));
        Assert.Contains("100 points where 150", ex.Message, StringComparison.Ordinal);
        // damaged
        var damaged = (byte[])first.Equity.Clone();
        damaged[damaged.Length / 2] ^= 0x5a;
        Assert.ThrowsAny<InvalidDataException>(() => ChunkBlobs.DecodeInto(new RunRecording(Bars), 100, damaged, first.Trades));
    }

    private static (PositionSide, long, int, long, long, int, long, long, long, ExitReason) Bits(ClosedTradeRecord t) =>
        (t.Side, Raw(t.Quantity), t.EntryBar, Raw(t.EntryPrice), Raw(t.EntryFee), t.ExitBar, Raw(t.ExitPrice), Raw(t.ExitFee), Raw(t.Pnl), t.ExitReason);

    private static long Raw(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>
    /// A chunk's blobs as the activity wrote them before 2026-12-05: the chunk's equity array and Trade records, the
    /// timestamps sliced out of the series, the curve as EQC1 (the legacy writer, pinned against a hand-built payload in
    /// EquityCurveCodecTests), the list serialised to a string.
    /// </summary>
    private static (byte[] Equity, byte[] Trades) EncodedAsBefore(BacktestInputs inputs, SimulatorState state, int from, int to)
    {
        using var chunk = new ChunkRecording(Bars, from, to);
        inputs.CreateSimulator().Advance(state, to, chunk);
        var equity = chunk.Equity.ToArray();
        var trades = new List<Trade>();
        foreach (var trade in chunk.ClosedTrades) trades.Add(trade.ToTrade(Bars));
        var curve = new EquityCurve(Bars.Timestamps[from..to], equity);
        return (EquityCurveFormat1.Encode(curve.Timestamps, curve.Values), Encoding.UTF8.GetBytes(WorkflowJson.Serialize(trades)));
    }
}
