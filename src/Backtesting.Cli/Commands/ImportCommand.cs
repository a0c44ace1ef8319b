using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;
using Backtesting.Storage;
using Backtesting.Storage.MarketData;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Commands;

/// <summary><c>import</c>: bars of a CSV file into market_data (asset created if missing, overlapping bars updated), with timing.</summary>
public static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var symbol = new Option<string>("--symbol") { Description = "Asset symbol, e.g. GOOG or BTC-USD.", Required = true };
        var timeframe = new Option<string?>("--timeframe") { Description = "Bar timeframe: a count and m, h, d, w or mo, e.g. 1m, 4h, 1d. Omitted: inferred from the median spacing of the timestamps; a given one they contradict is rejected." };
        var file = new Option<string>("--file") { Description = "CSV or CSV.gz file with Date,Open,High,Low,Close,Volume columns.", Required = true };
        var name = new Option<string?>("--name") { Description = "Asset name when the asset is created (default: the symbol)." };
        var database = StorageCommandOptions.Database();
        var connection = StorageCommandOptions.Connection();
        var command = new Command("import", "Import OHLCV bars from a CSV file into the database (migrates it first).")
        {
            symbol, timeframe, file, name, database, connection,
        };
        command.SetAction(parse => StorageCommandOptions.Run(console, async () =>
        {
            string symbolText = parse.GetValue(symbol)!;
            string? timeframeGiven = parse.GetValue(timeframe);
            string path = parse.GetValue(file)!;
            var errors = new List<ValidationError>();
            if (!MarketDataNames.IsValidSymbol(symbolText))
                errors.Add(new ValidationError("--symbol", $"'{symbolText}'", "must be 1-32 letters, digits or . _ - / = ^"));
            string? nameText = parse.GetValue(name);
            if (nameText is not null && !AssetNames.IsValidName(nameText))
                errors.Add(new ValidationError("--name", $"'{nameText}'", AssetNames.NameRule));
            if (timeframeGiven is not null && !MarketDataNames.IsValidTimeframe(timeframeGiven))
                errors.Add(new ValidationError("--timeframe", $"'{timeframeGiven}'", "must be a count and a unit m, h, d, w or mo, e.g. 1m, 4h, 1d"));
            if (errors.Count > 0)
                throw new ValidationException(errors);
            if (!File.Exists(path))
                throw new FileNotFoundException($"--file: file '{path}' does not exist");

            var clock = Stopwatch.StartNew();
            BarSeries bars = BarFileLoader.Load(path);
            double readMs = clock.Elapsed.TotalMilliseconds;
            string timeframeText = TimeframeInference.Resolve(timeframeGiven, bars, "--timeframe", errors) ?? throw new ValidationException(errors);

            await using var storage = StorageCommandOptions.Open(parse.GetValue(database)!, parse.GetValue(connection));
            await storage.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
            var asset = new Asset(symbolText, nameText ?? symbolText);
            clock.Restart();
            long written = await storage.GetRequiredService<IMarketDataImporter>().ImportAsync(asset, timeframeText, bars);
            double writeMs = clock.Elapsed.TotalMilliseconds;

            string rate = (written / Math.Max(writeMs, 1e-3) * 1000).ToString("N0", CultureInfo.InvariantCulture);
            console.Out.WriteLine($"imported {written} bars of {symbolText} ({timeframeText}) into {storage.GetRequiredService<StorageOptions>().Provider.ToString().ToLowerInvariant()}: " +
                $"read {readMs:0} ms, write {writeMs:0} ms ({rate} bars/s)");
            return CliApplication.Ok;
        }));
        return command;
    }
}
