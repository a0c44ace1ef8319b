using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Rules;

/// <summary>
/// The checked rules and constraints of a definition, ready to run: per parameter set it checks the
/// constraints and the fixed arguments (periods, widths), and writes one signal per bar carrying the
/// rule flags (<see cref="PositionBook.Encode"/>). Indicator series live in the caller's cache (a grid's
/// kernel shares one across its cells).
/// </summary>
internal sealed class RuleProgram
{
    /// <summary>Longest window or shift accepted for a period argument.</summary>
    public const int MaxPeriod = 100_000;

    private static readonly (string Rule, RuleFlags Flag)[] Flags =
    [
        ("long_entry", RuleFlags.LongEntry), ("long_exit", RuleFlags.LongExit),
        ("short_entry", RuleFlags.ShortEntry), ("short_exit", RuleFlags.ShortExit),
    ];

    private readonly IReadOnlyList<RuleParameter> _parameters;
    private readonly IReadOnlyList<string> _constraintTexts;
    private readonly IReadOnlyList<RuleExpression> _constraints;
    private readonly IReadOnlyDictionary<string, RuleExpression> _rules;

    public RuleProgram(IReadOnlyList<RuleParameter> parameters, IReadOnlyList<string> constraintTexts,
        IReadOnlyList<RuleExpression> constraints, IReadOnlyDictionary<string, RuleExpression> rules)
    {
        _parameters = parameters;
        _constraintTexts = constraintTexts;
        _constraints = constraints;
        _rules = rules;
    }

    /// <summary>Problems of one parameter set: constraints that do not hold, fixed arguments out of range.</summary>
    public IEnumerable<ValidationError> Check(IReadOnlyDictionary<string, double> values)
    {
        for (int i = 0; i < _constraints.Count; i++)
        {
            if (FixedValue.Of(_constraints[i], values) == 0)
            {
                string given = string.Join(", ", _parameters.Where(p => Mentions(_constraints[i], p.Name)).Select(p => $"{p.Name} = {Format(values[p.Name])}"));
                yield return new ValidationError($"constraints[{i}]", $"'{_constraintTexts[i]}'", $"does not hold ({given})");
            }
        }
        foreach (var (rule, _) in Flags)
        {
            if (!_rules.TryGetValue(rule, out var tree)) continue;
            foreach (var problem in FixedArgumentProblems(tree, values))
                yield return new ValidationError($"rules.{rule}", null, problem.ToString());
        }
    }

    /// <summary>Writes each bar's rule flags as a signal for validated <paramref name="values"/>.</summary>
    public void Generate(BarSeries bars, IReadOnlyDictionary<string, double> values, IndicatorSeriesCache cache, Span<sbyte> signals)
    {
        using var evaluator = new RuleEvaluator(bars, values, cache);
        int n = bars.Count;
        var flags = new byte[n];
        foreach (var (rule, flag) in Flags)
        {
            if (!_rules.TryGetValue(rule, out var tree)) continue;
            double[] holds = evaluator.Condition(tree);
            for (int i = 0; i < n; i++)
                if (holds[i] != 0) flags[i] |= (byte)flag;
        }
        for (int i = 0; i < n; i++) signals[i] = PositionBook.Encode((RuleFlags)flags[i]);
    }

    private static IEnumerable<RuleSyntaxError> FixedArgumentProblems(RuleExpression node, IReadOnlyDictionary<string, double> values)
    {
        switch (node)
        {
            case UnaryOperation unary:
                foreach (var p in FixedArgumentProblems(unary.Operand, values)) yield return p;
                break;
            case BinaryOperation binary:
                foreach (var p in FixedArgumentProblems(binary.Left, values)) yield return p;
                foreach (var p in FixedArgumentProblems(binary.Right, values)) yield return p;
                break;
            case FunctionCall call:
                var function = RuleFunction.All[call.Name];
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    if (!function.FixedArguments.Contains(i))
                    {
                        foreach (var p in FixedArgumentProblems(call.Arguments[i], values)) yield return p;
                        continue;
                    }
                    double value = FixedValue.Of(call.Arguments[i], values);
                    string argument = function.Arguments[i];
                    bool width = argument == "k" && call.Name != "prev";
                    int least = call.Name == "prev" ? 0 : 1;
                    string? problem = width
                        ? (double.IsFinite(value) ? null : "must be a finite number")
                        : (value == Math.Floor(value) && value >= least && value <= MaxPeriod ? null : $"must be a whole number from {least} to {MaxPeriod}");
                    if (problem is not null)
                        yield return new RuleSyntaxError(RuleTypeChecker.StartColumn(call.Arguments[i]),
                            $"argument {i + 1} ({argument}) of {call.Name} {problem}; here it is {Format(value)}");
                }
                break;
        }
    }

    private static bool Mentions(RuleExpression node, string name) => node switch
    {
        NameReference reference => reference.Name == name,
        UnaryOperation unary => Mentions(unary.Operand, name),
        BinaryOperation binary => Mentions(binary.Left, name) || Mentions(binary.Right, name),
        FunctionCall call => call.Arguments.Any(a => Mentions(a, name)),
        _ => false,
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
