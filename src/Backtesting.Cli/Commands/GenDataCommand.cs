using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>gen-data</c>: seeded GBM bars written as CSV (gzip when the file ends in .gz).</summary>
public static class GenDataCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Output file (.csv or .csv.gz).", Required = true };
        var bars = new Option<int>("--bars") { Description = "Number of bars.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same bars.", DefaultValueFactory = _ => 20240601 };
        var interval = new Option<string>("--interval") { Description = "Bar spacing: 1m, 5m, 15m, 1h, 4h or 1d.", DefaultValueFactory = _ => "1m" };
        var start = new Option<double>("--start-price") { Description = "First price.", DefaultValueFactory = _ => 100 };
        var command = new Command("gen-data", "Generate seeded geometric Brownian motion bars.") { output, bars, seed, interval, start };
        command.SetAction(parse => console.Guarded(() =>
        {
            int n = parse.GetValue(bars);
            if (n <= 0 || n > 100_000_000)
                throw new ValidationException([new ValidationError("--bars", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in [1, 100000000]")]);
            string intervalText = parse.GetValue(interval)!;
            TimeSpan step = intervalText switch
            {
                "1m" => TimeSpan.FromMinutes(1),
                "5m" => TimeSpan.FromMinutes(5),
                "15m" => TimeSpan.FromMinutes(15),
                "1h" => TimeSpan.FromHours(1),
                "4h" => TimeSpan.FromHours(4),
                "1d" => TimeSpan.FromDays(1),
                _ => throw new ValidationException([new ValidationError("--interval", $"'{intervalText}'", "must be one of 1m, 5m, 15m, 1h, 4h, 1d")]),
            };
            double startPrice = parse.GetValue(start);
            if (!(startPrice > 0) || !double.IsFinite(startPrice))
                throw new ValidationException([new ValidationError("--start-price", startPrice.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a finite number > 0")]);
            var clock = Stopwatch.StartNew();
            var series = GbmBarGenerator.Generate(new GbmOptions { Bars = n, Seed = parse.GetValue(seed), Interval = step, StartPrice = startPrice });
            string path = parse.GetValue(output)!;
            using (var file = File.Create(path))
            using (Stream target = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file)
                CsvBarWriter.Write(series, target);
            console.Out.WriteLine($"wrote {n} bars to {path} in {clock.ElapsedMilliseconds} ms");
            return CliApplication.Ok;
        }));
        return command;
    }
}
