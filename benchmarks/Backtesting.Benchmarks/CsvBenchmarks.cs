using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;

namespace Backtesting.Benchmarks;

/// <summary>Parsing the 1M-row gzip file and the 100k-row plain file.</summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private byte[] _gzip = [];
    private byte[] _plain = [];

    [GlobalSetup]
    public void Setup()
    {
        _gzip = File.ReadAllBytes(ReferenceData.FindShared("gbm_1000000.csv.gz") ?? throw new FileNotFoundException("gbm_1000000.csv.gz"));
        _plain = File.ReadAllBytes(ReferenceData.FindShared("gbm_100000.csv") ?? throw new FileNotFoundException("gbm_100000.csv"));
    }

    [Benchmark(Description = "parse 1M rows (gzip)")]
    public int Parse1MGzip() => CsvBarReader.Read(new MemoryStream(_gzip)).Count;

    [Benchmark(Description = "parse 100k rows (plain)")]
    public int Parse100kPlain() => CsvBarReader.Read(new MemoryStream(_plain)).Count;
}
