using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Engine.Data;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 17: the curve blob codec alone, encode and decode apart, on a real run's equity curve: GOOG daily (2148 bars,
/// sma 10/20, the curve every completed run stores) and gbm_1000000 (sma 10/30, 1 bp; a Durable chunked run hands over
/// 1M points through these blobs). "EQC1" is the format until 2026-12-05 (Brotli over varints and raw doubles, FNV-1a),
/// "EQC2" the current one (no compression, a timestamp step rule, XxHash3). DecodeInto is the chunk finalization's path.
/// </summary>
[MemoryDiagnoser]
public class EquityCurveCodecBenchmarks
{
    private long[] _timestamps = null!;
    private double[] _values = null!;
    private double[] _target = null!;
    private byte[] _eqc1 = null!;
    private byte[] _eqc2 = null!;

    [Params("GOOG", "gbm_1000000")]
    public string Series { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        bool goog = Series == "GOOG";
        BarSeries bars = goog ? ReferenceData.Load("GOOG.csv", 2_148) : ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        var job = new BacktestJob
        {
            RunId = "bench", UserId = "bench", StrategyId = "sma_crossover", AssetSymbol = Series, Timeframe = goog ? "1d" : "1m", InitialCapital = 100_000,
            Parameters = new()
            {
                ["fast_period"] = JsonSerializer.SerializeToElement(10), ["slow_period"] = JsonSerializer.SerializeToElement(goog ? 20 : 30),
                ["commission"] = JsonSerializer.SerializeToElement(goog ? 0.0 : 0.0001),
            },
        };
        _values = BacktestInputs.Create(job, bars).CreateSimulator().Run().Equity;
        _timestamps = bars.Timestamps;
        _target = new double[_values.Length];
        _eqc1 = EquityCurveFormat1.Encode(_timestamps, _values);
        _eqc2 = EquityCurveCodec.Encode(_timestamps, _values);
        Console.WriteLine($"// {Series}: {_values.Length} points, EQC1 {_eqc1.Length} bytes, EQC2 {_eqc2.Length} bytes");
    }

    [Benchmark(Baseline = true, Description = "encode EQC1 (before)")]
    public int EncodeEqc1() => EquityCurveFormat1.Encode(_timestamps, _values).Length;

    [Benchmark(Description = "encode EQC2")]
    public int EncodeEqc2() => EquityCurveCodec.Encode(_timestamps, _values).Length;

    [Benchmark(Description = "decode EQC1 (before)")]
    public int DecodeEqc1() => EquityCurveCodec.Decode(_eqc1).Count;

    [Benchmark(Description = "decode EQC2")]
    public int DecodeEqc2() => EquityCurveCodec.Decode(_eqc2).Count;

    [Benchmark(Description = "decode EQC1 into known timestamps (before)")]
    public double DecodeIntoEqc1()
    {
        EquityCurveCodec.DecodeInto(_eqc1, _timestamps, _target);
        return _target[^1];
    }

    [Benchmark(Description = "decode EQC2 into known timestamps")]
    public double DecodeIntoEqc2()
    {
        EquityCurveCodec.DecodeInto(_eqc2, _timestamps, _target);
        return _target[^1];
    }
}
