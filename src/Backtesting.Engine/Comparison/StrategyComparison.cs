using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Comparison;

/// <summary>
/// Side-by-side backtests of several strategies or parameter sets on the same bars and window.
/// Candidate i is a pure function of (bars, request, i): a workflow may evaluate candidates anywhere
/// (<see cref="EvaluateCandidate"/>) and combine them with <see cref="Merge"/>.
/// </summary>
public static class StrategyComparison
{
    /// <summary>Checks every candidate and the ranking metric before any work.</summary>
    public static IReadOnlyList<ValidationError> Validate(ComparisonRequest request)
    {
        var errors = new List<ValidationError>();
        if (request.Candidates.Count == 0)
            errors.Add(new ValidationError("candidates", "[]", "needs at least one strategy or parameter set"));
        if (request.Candidates.Count > request.MaxCandidates)
            errors.Add(new ValidationError("candidates", Format(request.Candidates.Count), $"exceed the limit of {request.MaxCandidates}"));
        for (int i = 0; i < request.Candidates.Count; i++)
            errors.AddRange(StrategyConfigValidator.Validate(request.Candidates[i].StrategyId, request.Candidates[i].Parameters, $"candidates[{i}].", request.Strategies).Errors);
        if (!MetricNames.IsKnown(request.RankBy))
            errors.Add(new ValidationError("rank_by", $"'{request.RankBy}'", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}"));
        if (!(request.InitialCapital > 0) || !double.IsFinite(request.InitialCapital))
            errors.Add(new ValidationError("initial_capital", request.InitialCapital.ToString(CultureInfo.InvariantCulture), "must be a finite number > 0"));
        if (request.From is { } from && request.To is { } to && to < from)
            errors.Add(new ValidationError("to", to.ToString("O", CultureInfo.InvariantCulture), $"is before from ({from:O})"));
        return errors;
    }

    /// <summary>
    /// Backtests every candidate (in parallel) and merges them; <paramref name="progress"/> hears 1 per finished
    /// candidate, from the thread that finished it.
    /// </summary>
    public static ComparisonResult Run(BarSeries bars, ComparisonRequest request, IProgress<int>? progress = null)
    {
        ThrowIfInvalid(request);
        var window = Window(bars, request);
        var entries = new ComparisonEntry[request.Candidates.Count];
        Parallel.For(0, entries.Length, i =>
        {
            entries[i] = Evaluate(window, request, i);
            progress?.Report(1);
        });
        return Merge(request, entries);
    }

    /// <summary>Backtests candidate <paramref name="index"/> on the request's window of <paramref name="bars"/> (a workflow chunk).</summary>
    public static ComparisonEntry EvaluateCandidate(BarSeries bars, ComparisonRequest request, int index)
    {
        ThrowIfInvalid(request);
        if (index < 0 || index >= request.Candidates.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {request.Candidates.Count})");
        return Evaluate(Window(bars, request), request, index);
    }

    /// <summary>Ranks the candidates and correlates their daily returns; identical for any evaluation order.</summary>
    public static ComparisonResult Merge(ComparisonRequest request, IEnumerable<ComparisonEntry> entries)
    {
        var ordered = entries.OrderBy(e => e.Index).ToArray();
        for (int i = 0; i < ordered.Length; i++)
            if (ordered[i].Index != i)
                throw new ArgumentException($"entries must be candidates 0..{request.Candidates.Count - 1} once each; found {ordered[i].Index} at position {i}", nameof(entries));
        if (ordered.Length != request.Candidates.Count)
            throw new ArgumentException($"{ordered.Length} entries for {request.Candidates.Count} candidates", nameof(entries));
        bool maximize = request.Maximize ?? MetricNames.HigherIsBetter(request.RankBy);
        var ranking = ordered
            .Select(e => (e.Index, Value: MetricNames.Read(e.Metrics, request.RankBy) is { } v && !double.IsNaN(v) ? v : (double?)null))
            .OrderBy(x => x.Value is null ? 1 : 0)
            .ThenBy(x => x.Value is { } v ? (maximize ? -v : v) : 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Index)
            .ToArray();
        int n = ordered.Length;
        var correlation = new double?[n][];
        for (int i = 0; i < n; i++) correlation[i] = new double?[n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                correlation[i][j] = correlation[j][i] = Correlation(ordered[i].DailyReturns, ordered[j].DailyReturns);
        return new ComparisonResult { Entries = ordered, RankBy = request.RankBy, Maximize = maximize, Ranking = ranking, Correlation = correlation };
    }

    /// <summary>Pearson correlation of two equally long series; null when either has no variance or fewer than 2 points.</summary>
    public static double? Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("series differ in length", nameof(b));
        int n = a.Length;
        if (n < 2) return null;
        double meanA = 0, meanB = 0;
        for (int i = 0; i < n; i++) { meanA += a[i]; meanB += b[i]; }
        meanA /= n;
        meanB /= n;
        double cov = 0, varA = 0, varB = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        if (!(varA > 0) || !(varB > 0)) return null;
        return Math.Clamp(cov / Math.Sqrt(varA * varB), -1, 1);
    }

    private static ComparisonEntry Evaluate(BarSeries window, ComparisonRequest request, int index)
    {
        var candidate = request.Candidates[index];
        var config = StrategyConfigValidator.Validate(candidate.StrategyId, candidate.Parameters, strategies: request.Strategies).GetConfigOrThrow();
        var result = BacktestEngine.Run(window, config, request.InitialCapital, request.Options);
        var (days, equity, returns) = Daily(window.Timestamps, result.Equity, request.InitialCapital);
        return new ComparisonEntry
        {
            Index = index,
            Label = candidate.Label ?? DefaultLabel(candidate),
            StrategyId = config.Definition.Id,
            Parameters = config.Parameters.Values,
            Metrics = result.Metrics,
            Days = days,
            DailyEquity = equity,
            DailyReturns = returns,
        };
    }

    private static (long[] Days, double[] Equity, double[] Returns) Daily(long[] timestamps, double[] equity, double initial)
    {
        var days = new List<long>();
        var closes = new List<double>();
        for (int i = 0; i < equity.Length; i++)
        {
            long day = timestamps[i] / TimeSpan.TicksPerDay;
            if (days.Count > 0 && days[^1] == day) closes[^1] = equity[i];
            else { days.Add(day); closes.Add(equity[i]); }
        }
        var returns = new double[closes.Count];
        for (int d = 0; d < returns.Length; d++)
            returns[d] = closes[d] / (d == 0 ? initial : closes[d - 1]) - 1;
        return (days.ToArray(), closes.ToArray(), returns);
    }

    private static BarSeries Window(BarSeries bars, ComparisonRequest request)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var window = bars.Between(request.From, request.To);
        if (window.Count == 0)
            throw new ValidationException([new ValidationError("from/to", null, $"select no bars of {bars.Count}")]);
        return window;
    }

    private static string DefaultLabel(ComparisonCandidate candidate) =>
        candidate.Parameters.Count == 0 ? candidate.StrategyId
            : $"{candidate.StrategyId}({string.Join(", ", candidate.Parameters.Select(kv => $"{kv.Key}={Scalar(kv.Value)}"))})";

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void ThrowIfInvalid(ComparisonRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0) throw new ValidationException(errors);
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
