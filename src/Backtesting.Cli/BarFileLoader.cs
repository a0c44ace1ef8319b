using Backtesting.Engine.Data;

namespace Backtesting.Cli;

/// <summary>Opens a CSV or CSV.gz file and reads its bars, naming the file in any error.</summary>
public static class BarFileLoader
{
    /// <summary>The bars of <paramref name="path"/>; <paramref name="parsed"/> hears their number before the columns are assembled (<see cref="CsvBarReader.Read"/>).</summary>
    public static BarSeries Load(string path, Action<int>? parsed = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"--data: file '{path}' does not exist");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return CsvBarReader.Read(stream, parsed);
        }
        catch (BarDataException ex)
        {
            throw ex.WithSource(path);
        }
    }
}
