using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Benchmarks;

/// <summary>Loads the shared reference files (../shared/data) or, when absent, generates bars of the same shape.</summary>
public static class ReferenceData
{
    public static string? FindShared(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", file);
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "data", file);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    public static BarSeries Load(string file, int fallbackBars)
    {
        string? path = FindShared(file);
        if (path is null)
        {
            Console.Error.WriteLine($"!! {file} not found beside the repository: benchmarking {fallbackBars} generated GBM bars instead");
            return GbmBarGenerator.Generate(new GbmOptions { Bars = fallbackBars });
        }
        using var stream = File.OpenRead(path);
        return CsvBarReader.Read(stream);
    }
}
