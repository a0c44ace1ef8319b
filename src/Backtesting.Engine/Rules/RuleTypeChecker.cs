namespace Backtesting.Engine.Rules;

/// <summary>
/// Types of a parsed rule: every node is a number or a condition, and either fixed for the run
/// (numbers, parameters and arithmetic over them) or a series (prices and anything using them).
/// Collects every problem of one rule with its column.
/// </summary>
internal sealed class RuleTypeChecker
{
    /// <summary>The price series a rule can use.</summary>
    public static IReadOnlyList<string> SeriesNames { get; } = ["open", "high", "low", "close", "volume"];

    private readonly IReadOnlyCollection<string> _parameters;
    private readonly List<RuleSyntaxError> _errors = [];

    private RuleTypeChecker(IReadOnlyCollection<string> parameters) => _parameters = parameters;

    /// <summary>Checks a whole rule: it must be a condition. Returns every problem found.</summary>
    public static IReadOnlyList<RuleSyntaxError> CheckRule(RuleExpression rule, IReadOnlyCollection<string> parameters)
    {
        var checker = new RuleTypeChecker(parameters);
        var type = checker.Check(rule);
        if (type is { IsCondition: false })
            checker.Error(StartColumn(rule), "a rule must be a condition (true or false), but this is a number; compare it, e.g. 'close > sma(close, 20)'");
        return checker._errors;
    }

    /// <summary>Checks a constraint: a comparison of parameters and numbers only.</summary>
    public static IReadOnlyList<RuleSyntaxError> CheckConstraint(RuleExpression constraint, IReadOnlyCollection<string> parameters)
    {
        var checker = new RuleTypeChecker(parameters);
        var type = checker.Check(constraint);
        if (type is { } t && (!t.IsCondition || !t.IsFixed))
            checker.Error(StartColumn(constraint), "a constraint must compare parameters, e.g. 'fast < slow'");
        return checker._errors;
    }

    /// <summary>The leftmost column of a node (a binary node's own column is its operator's).</summary>
    public static int StartColumn(RuleExpression node) => node is BinaryOperation b ? StartColumn(b.Left) : node.Column;

    /// <summary>The node's type, or null when it has an error (already reported).</summary>
    private RuleType? Check(RuleExpression node)
    {
        switch (node)
        {
            case NumberLiteral:
                return new RuleType(false, true);
            case BooleanLiteral:
                return new RuleType(true, true);
            case NameReference name:
                if (_parameters.Contains(name.Name)) return new RuleType(false, true);
                if (SeriesNames.Contains(name.Name)) return new RuleType(false, false);
                if (RuleFunction.All.ContainsKey(name.Name))
                    return Error(name.Column, $"'{name.Name}' is a function; call it as {RuleFunction.All[name.Name].Signature}");
                return Error(name.Column, $"'{name.Name}' is not a parameter or series{NearestName.Hint(name.Name, [.. _parameters, .. SeriesNames])}");
            case UnaryOperation unary:
            {
                var operand = Check(unary.Operand);
                if (operand is null) return null;
                if (unary.Operator == "not")
                    return operand.Value.IsCondition ? operand : Error(unary.Column, "'not' needs a condition (true or false), but its operand is a number");
                return operand.Value.IsCondition ? Error(unary.Column, "'-' needs a number, but its operand is a condition") : operand;
            }
            case BinaryOperation binary:
                return CheckBinary(binary);
            case FunctionCall call:
                return CheckCall(call);
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private RuleType? CheckBinary(BinaryOperation binary)
    {
        var left = Check(binary.Left);
        var right = Check(binary.Right);
        if (left is null || right is null) return null;
        bool logical = binary.Operator is "and" or "or";
        bool comparison = binary.Operator is "<" or "<=" or ">" or ">=" or "==" or "!=";
        bool wantCondition = logical;
        bool ok = true;
        foreach (var (side, type, operand) in new[] { ("left", left.Value, binary.Left), ("right", right.Value, binary.Right) })
        {
            if (type.IsCondition == wantCondition) continue;
            ok = false;
            string needs = logical ? "conditions (true or false) on both sides" : "numbers on both sides";
            string got = type.IsCondition ? "a condition" : "a number";
            Error(StartColumn(operand), $"'{binary.Operator}' needs {needs}, but its {side} side is {got}");
        }
        if (!ok) return null;
        return new RuleType(logical || comparison, left.Value.IsFixed && right.Value.IsFixed);
    }

    private RuleType? CheckCall(FunctionCall call)
    {
        if (!RuleFunction.All.TryGetValue(call.Name, out var function))
        {
            foreach (var argument in call.Arguments) Check(argument);
            if (_parameters.Contains(call.Name) || SeriesNames.Contains(call.Name))
                return Error(call.Column, $"'{call.Name}' is not a function; remove the parentheses after it");
            return Error(call.Column, $"unknown function '{call.Name}'{NearestName.Hint(call.Name, RuleFunction.All.Keys)}");
        }
        bool ok = true, allFixed = true;
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            var type = Check(call.Arguments[i]);
            if (type is null)
            {
                ok = false;
                continue;
            }
            if (i >= function.Arguments.Count) continue;
            string argument = $"argument {i + 1} ({function.Arguments[i]}) of {call.Name}";
            if (type.Value.IsCondition)
            {
                ok = false;
                Error(StartColumn(call.Arguments[i]), $"{argument} must be a number, not a condition");
            }
            else if (function.FixedArguments.Contains(i) && !type.Value.IsFixed)
            {
                ok = false;
                Error(StartColumn(call.Arguments[i]), $"{argument} must be fixed for the run (numbers and parameters), not a series");
            }
            if (!function.FixedArguments.Contains(i)) allFixed &= type.Value.IsFixed;
        }
        if (call.Arguments.Count != function.Arguments.Count)
        {
            int expected = function.Arguments.Count;
            return Error(call.Column, $"{call.Name} takes {expected} argument{(expected == 1 ? "" : "s")} ({function.Signature}), got {call.Arguments.Count}");
        }
        if (!ok) return null;
        // only abs/min/max of fixed values stay fixed; indicators and crosses are series
        bool isFixed = allFixed && call.Name is "abs" or "min" or "max";
        return new RuleType(function.IsCondition, isFixed);
    }

    private RuleType? Error(int column, string message)
    {
        _errors.Add(new RuleSyntaxError(column, message));
        return null;
    }

    private readonly record struct RuleType(bool IsCondition, bool IsFixed);
}
