using System.Text;
using Backtesting.Application.Json;
using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Application.Research;

/// <summary>
/// A Monte Carlo batch blob: the batch's small fields as JSON, then every path's numbers as raw doubles.
/// JSON text of 100 000 paths with fan-chart bands would be hundreds of megabytes and slow to parse;
/// this is about 2.5 times smaller and exact.
/// </summary>
public static class MonteCarloBatchCodec
{
    public const string ContentType = "application/x-backtesting-monte-carlo-batch";
    private const int Magic = 0x3142434D; // "MCB1"

    public static byte[] Encode(MonteCarloBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(WorkflowJson.Serialize(batch with { Paths = [] }));
            writer.Write(batch.Paths.Count);
            foreach (var path in batch.Paths)
            {
                writer.Write(path.Index);
                writer.Write(path.FinalCapital);
                writer.Write(path.MaxDrawdown);
                writer.Write(path.Metrics.Length);
                foreach (double? value in path.Metrics)
                {
                    writer.Write(value.HasValue);
                    writer.Write(value ?? 0);
                }
                writer.Write(path.Band.Length);
                foreach (double value in path.Band) writer.Write(value);
            }
        }
        return stream.ToArray();
    }

    public static MonteCarloBatch Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("not a Monte Carlo batch blob");
        var batch = WorkflowJson.Deserialize<MonteCarloBatch>(reader.ReadString());
        var paths = new MonteCarloPath[reader.ReadInt32()];
        for (int p = 0; p < paths.Length; p++)
        {
            int index = reader.ReadInt32();
            double finalCapital = reader.ReadDouble(), maxDrawdown = reader.ReadDouble();
            var metrics = new double?[reader.ReadInt32()];
            for (int m = 0; m < metrics.Length; m++)
            {
                bool defined = reader.ReadBoolean();
                double value = reader.ReadDouble();
                metrics[m] = defined ? value : null;
            }
            var band = new double[reader.ReadInt32()];
            for (int b = 0; b < band.Length; b++) band[b] = reader.ReadDouble();
            paths[p] = new MonteCarloPath(index, finalCapital, maxDrawdown, metrics, band);
        }
        return batch with { Paths = paths };
    }
}
