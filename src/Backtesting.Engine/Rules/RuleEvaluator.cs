using System.Buffers;
using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Rules;

/// <summary>
/// Evaluates checked rule trees over a whole bar series for one parameter set. Fixed parts are folded
/// to numbers first, so each node has a canonical key ("sma(close,10)"); equal keys are computed once
/// (hash-consing across the rules), and indicator series go to the shared <see cref="IndicatorSeriesCache"/>,
/// where every parameter set of a grid on the same bars finds them. Conditions are 0/1 series.
/// Series local to one evaluation are pooled arrays (possibly longer than the bars), returned on Dispose.
/// </summary>
internal sealed class RuleEvaluator(BarSeries bars, IReadOnlyDictionary<string, double> parameters, IndicatorSeriesCache cache) : IDisposable
{
    private readonly Dictionary<string, double[]> _computed = [];
    private readonly List<double[]> _rented = [];

    /// <summary>A condition's value per bar (nonzero = true): the first bars.Count entries; valid until Dispose.</summary>
    public double[] Condition(RuleExpression rule)
    {
        var value = Evaluate(rule);
        return value.Series ?? Broadcast(value.Scalar);
    }

    public void Dispose()
    {
        foreach (var array in _rented) ArrayPool<double>.Shared.Return(array);
        _rented.Clear();
        _computed.Clear();
    }

    private Value Evaluate(RuleExpression node)
    {
        if (FixedValue.IsFixed(node, parameters))
        {
            double scalar = FixedValue.Of(node, parameters);
            return new Value(scalar.ToString("R", CultureInfo.InvariantCulture), scalar, null);
        }
        switch (node)
        {
            case NameReference name:
                return new Value(name.Name, 0, name.Name switch
                {
                    "open" => bars.Open,
                    "high" => bars.High,
                    "low" => bars.Low,
                    "close" => bars.Close,
                    _ => bars.Volume,
                });
            case UnaryOperation unary:
            {
                var operand = Evaluate(unary.Operand);
                return Local($"({unary.Operator} {operand.Key})", result =>
                {
                    var x = operand.Series!;
                    int n = bars.Count;
                    if (unary.Operator == "not")
                        for (int i = 0; i < n; i++) result[i] = x[i] != 0 ? 0 : 1;
                    else
                        for (int i = 0; i < n; i++) result[i] = -x[i];
                });
            }
            case BinaryOperation binary:
                return EvaluateBinary(binary);
            case FunctionCall call:
                return EvaluateCall(call);
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private Value EvaluateBinary(BinaryOperation binary)
    {
        string op = binary.Operator;
        if (ExactPair(binary.Left, binary.Right) is { } exact && op is "<" or "<=" or ">" or ">=" or "==" or "!=")
        {
            // compare sign(sma_a - sma_b) with 0: exact, as the built-in sma_crossover
            var signs = ExactSigns(exact);
            int compare = FixedValue.Code(op);
            return Local($"({op} {exact.Key} 0)", result =>
            {
                for (int i = 0; i < bars.Count; i++) result[i] = FixedValue.Binary(compare, signs[i], 0);
            });
        }
        var left = Evaluate(binary.Left);
        var right = Evaluate(binary.Right);
        int code = FixedValue.Code(op);
        return Local($"({op} {left.Key} {right.Key})", result => Apply(code, left, right, result));
    }

    private Value EvaluateCall(FunctionCall call)
    {
        if (call.Name is "crosses_above" or "crosses_below")
        {
            sbyte wanted = call.Name == "crosses_above" ? (sbyte)1 : (sbyte)-1;
            if (ExactPair(call.Arguments[0], call.Arguments[1]) is { } exact)
            {
                var signs = ExactSigns(exact);
                return Local($"{call.Name}({exact.Key})", result => Crosses(signs, Broadcast(0), wanted, result));
            }
            var a = Evaluate(call.Arguments[0]);
            var b = Evaluate(call.Arguments[1]);
            return Local($"{call.Name}({a.Key},{b.Key})", result => Crosses(a.Series ?? Broadcast(a.Scalar), b.Series ?? Broadcast(b.Scalar), wanted, result));
        }
        var arguments = call.Arguments.Select(Evaluate).ToArray();
        string key = $"{call.Name}({string.Join(",", arguments.Select(a => a.Key))})";
        // indicator kernels read whole arrays: a pooled (longer) input is cut to the bars
        double[] X() => arguments[0].Series is { } x ? (x.Length == bars.Count ? x : x[..bars.Count]) : Broadcast(arguments[0].Scalar)[..bars.Count];
        int N(int i) => (int)arguments[i].Scalar;
        return call.Name switch
        {
            "sma" => Shared(key, () => SeriesFunctions.Sma(X(), N(1))),
            "ema" => Shared(key, () => SeriesFunctions.Ema(X(), N(1))),
            "wma" => Shared(key, () => SeriesFunctions.Wma(X(), N(1))),
            "rsi" => Shared(key, () => SeriesFunctions.Rsi(X(), N(1))),
            "stdev" => Shared(key, () => SeriesFunctions.Stdev(X(), N(1))),
            "bb_upper" => Shared(key, () => SeriesFunctions.Band(X(), N(1), arguments[2].Scalar, upper: true)),
            "bb_lower" => Shared(key, () => SeriesFunctions.Band(X(), N(1), arguments[2].Scalar, upper: false)),
            "macd" => Shared(key, () => SeriesFunctions.Macd(X(), N(1), N(2), 1, signalLine: false)),
            "macd_signal" => Shared(key, () => SeriesFunctions.Macd(X(), N(1), N(2), N(3), signalLine: true)),
            "atr" => Shared(key, () => SeriesFunctions.Atr(bars, N(0))),
            "highest" => Shared(key, () => SeriesFunctions.Extreme(X(), N(1), highest: true)),
            "lowest" => Shared(key, () => SeriesFunctions.Extreme(X(), N(1), highest: false)),
            "prev" => Shared(key, () => SeriesFunctions.Prev(X(), N(1))),
            "roc" => Shared(key, () => SeriesFunctions.Roc(X(), N(1))),
            "abs" => Local(key, Map(X(), Math.Abs)),
            "min" or "max" => Local(key, result =>
            {
                int n = bars.Count;
                double[]? a = arguments[0].Series, b = arguments[1].Series;
                bool min = call.Name == "min";
                for (int i = 0; i < n; i++)
                {
                    double x = a is null ? arguments[0].Scalar : a[i], y = b is null ? arguments[1].Scalar : b[i];
                    result[i] = min ? Math.Min(x, y) : Math.Max(x, y);
                }
            }),
            _ => throw new InvalidOperationException($"unknown function '{call.Name}'"),
        };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Apply(int code, Value left, Value right, double[] result)
    {
        int n = bars.Count;
        double[]? a = left.Series, b = right.Series;
        if (a is not null && b is not null)
            for (int i = 0; i < n; i++) result[i] = FixedValue.Binary(code, a[i], b[i]);
        else if (a is not null)
            for (int i = 0; i < n; i++) result[i] = FixedValue.Binary(code, a[i], right.Scalar);
        else
            for (int i = 0; i < n; i++) result[i] = FixedValue.Binary(code, left.Scalar, b![i]);
    }

    /// <summary>The contract's crossover rule (undefined and tied bars skipped), through the engine's one scan.</summary>
    private void Crosses(double[] a, double[] b, sbyte wanted, double[] result)
    {
        int n = bars.Count;
        var signals = ArrayPool<sbyte>.Shared.Rent(n);
        try
        {
            CrossoverScan.Run(a.AsSpan(0, n), b.AsSpan(0, n), 0, signals.AsSpan(0, n));
            for (int i = 0; i < n; i++) result[i] = signals[i] == wanted ? 1 : 0;
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(signals);
        }
    }

    /// <summary>Two sma() of the same price series with fixed periods: compared exactly.</summary>
    private ExactSmas? ExactPair(RuleExpression left, RuleExpression right)
    {
        if (left is not FunctionCall { Name: "sma" } a || right is not FunctionCall { Name: "sma" } b) return null;
        if (a.Arguments.Count != 2 || b.Arguments.Count != 2) return null;
        if (a.Arguments[0] is not NameReference { Name: "open" or "high" or "low" or "close" } series
            || b.Arguments[0] is not NameReference other || other.Name != series.Name) return null;
        int periodA = (int)FixedValue.Of(a.Arguments[1], parameters), periodB = (int)FixedValue.Of(b.Arguments[1], parameters);
        return new ExactSmas(series.Name, periodA, periodB);
    }

    // pair-specific, so local to this evaluation (pooled) rather than kept for the grid
    private double[] ExactSigns(ExactSmas pair) =>
        Local($"exact:{pair.Key}", signs => ExactSmaComparison.Signs(bars, pair.Series, pair.PeriodA, pair.PeriodB, signs.AsSpan(0, bars.Count))).Series!;

    private Value Shared(string key, Func<double[]> compute) => new(key, 0, cache.GetOrAdd("rules:" + key, bars.Count, compute));

    /// <summary>A series of this evaluation only, computed into a pooled array once per key.</summary>
    private Value Local(string key, Action<double[]> fill)
    {
        if (!_computed.TryGetValue(key, out var series))
        {
            series = ArrayPool<double>.Shared.Rent(bars.Count);
            _rented.Add(series);
            fill(series);
            _computed[key] = series;
        }
        return new Value(key, 0, series);
    }

    private double[] Broadcast(double scalar) =>
        Local($"const:{scalar.ToString("R", CultureInfo.InvariantCulture)}", series => series.AsSpan(0, bars.Count).Fill(scalar)).Series!;

    private Action<double[]> Map(double[] x, Func<double, double> f) => result =>
    {
        for (int i = 0; i < bars.Count; i++) result[i] = f(x[i]);
    };

    /// <summary>A node's canonical key and its value: a series, or a fixed number when <see cref="Series"/> is null.</summary>
    private readonly record struct Value(string Key, double Scalar, double[]? Series);

    private sealed record ExactSmas(string Series, int PeriodA, int PeriodB)
    {
        public string Key => $"sma({Series},{PeriodA})~sma({Series},{PeriodB})";
    }
}
