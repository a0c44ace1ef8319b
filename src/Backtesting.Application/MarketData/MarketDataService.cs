using System.Globalization;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Users;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.MarketData;

/// <summary>Assets, bar reads and CSV imports (imports are for admins only).</summary>
public sealed class MarketDataService(IMarketDataStore store, IMarketDataImporter importer)
{
    public const int MaxBarsPerPage = 10_000;

    public async Task<IReadOnlyList<AssetView>> ListAssetsAsync(CancellationToken ct = default)
    {
        var assets = await store.ListAssetsAsync(ct).ConfigureAwait(false);
        var views = new List<AssetView>(assets.Count);
        foreach (var a in assets)
            views.Add(new AssetView(a.Symbol, a.Name, a.AssetClass, a.Currency, await store.GetRangesAsync(a.Symbol, ct).ConfigureAwait(false)));
        return views;
    }

    /// <summary>Bars of one asset in time order, one page; null when the asset does not exist.</summary>
    public async Task<Page<BarView>?> GetBarsAsync(string symbol, string? timeframe, string? from, string? to, int offset, int limit, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        var start = BacktestRequestValidator.ParseDate("from", from, errors);
        var end = BacktestRequestValidator.ParseDate("to", to, errors, endOfDay: true);
        string tf = timeframe ?? "1d";
        if (!BacktestRequestValidator.Timeframes.Contains(tf))
            errors.Add(new ValidationError("timeframe", $"'{tf}'", $"must be one of {string.Join(", ", BacktestRequestValidator.Timeframes)}"));
        if (offset < 0) errors.Add(new ValidationError("offset", offset.ToString(CultureInfo.InvariantCulture), "must be >= 0"));
        if (limit < 1 || limit > MaxBarsPerPage) errors.Add(new ValidationError("limit", limit.ToString(CultureInfo.InvariantCulture), $"must be in [1, {MaxBarsPerPage}]"));
        if (errors.Count > 0) throw new ValidationException(errors);
        // paged in the store (ORDER BY time LIMIT): a one-bar request must not read the whole range
        if (await store.ReadBarPageAsync(symbol, tf, start, end, offset, limit, ct).ConfigureAwait(false) is not { } page) return null;
        var bars = page.Bars;
        var items = new BarView[bars.Count];
        for (int i = 0; i < items.Length; i++)
            items[i] = new BarView(bars.TimeAt(i), bars.Open[i], bars.High[i], bars.Low[i], bars.Close[i], bars.Volume[i]);
        return new Page<BarView>(items, page.Total, offset, limit);
    }

    /// <summary>Throws <see cref="ForbiddenException"/> unless the user may import; hosts call it before reading an import body.</summary>
    public static void EnsureCanImport(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdmin)
            throw new ForbiddenException("importing market data needs an admin key");
    }

    /// <summary>
    /// Imports CSV bars (validated by the engine's reader) for an admin; creates the asset if missing (symbol and name per
    /// <see cref="AssetNames"/>). The timeframe, when not given, is inferred from the timestamps; a given one they contradict is rejected.
    /// </summary>
    public async Task<CsvImportResult> ImportCsvAsync(User user, string symbol, string? timeframe, string? name, Stream csv, CancellationToken ct = default)
    {
        EnsureCanImport(user);
        var errors = new List<ValidationError>();
        // an empty ?name= means "not given" (the symbol names the asset); anything else must be a plain name
        AssetNames.Validate(symbol, string.IsNullOrEmpty(name) ? null : name, errors);
        string? given = string.IsNullOrEmpty(timeframe) ? null : timeframe;
        if (given is not null && !BacktestRequestValidator.Timeframes.Contains(given))
            errors.Add(new ValidationError("timeframe", $"'{given}'", $"must be one of {string.Join(", ", BacktestRequestValidator.Timeframes)} (or omitted: inferred from the timestamps)"));
        if (errors.Count > 0) throw new ValidationException(errors);
        BarSeries bars;
        try
        {
            bars = CsvBarReader.Read(csv);
        }
        catch (BarDataException ex)
        {
            throw new ValidationException([new ValidationError("body", ex.Row > 0 ? $"row {ex.Row}" : null, ex.Reason)]);
        }
        string? tf = TimeframeInference.Resolve(given, bars, "timeframe", errors);
        if (tf is null) throw new ValidationException(errors);
        var existing = await store.GetAssetAsync(symbol, ct).ConfigureAwait(false);
        var asset = existing ?? new Asset(symbol, string.IsNullOrEmpty(name) ? symbol : name);
        return new CsvImportResult(await importer.ImportAsync(asset, tf, bars, ct).ConfigureAwait(false), tf);
    }
}
