namespace Backtesting.Engine.Rules;

/// <summary>
/// Values of the parts of a rule that are fixed for a run (numbers, parameters and arithmetic over
/// them), evaluated once per parameter set; conditions are 1 (true) or 0 (false), an undefined
/// result (e.g. a division by zero) is NaN.
/// </summary>
internal static class FixedValue
{
    public static bool IsFixed(RuleExpression node, IReadOnlyDictionary<string, double> parameters) => node switch
    {
        NumberLiteral or BooleanLiteral => true,
        NameReference name => parameters.ContainsKey(name.Name),
        UnaryOperation unary => IsFixed(unary.Operand, parameters),
        BinaryOperation binary => IsFixed(binary.Left, parameters) && IsFixed(binary.Right, parameters),
        FunctionCall call => call.Name is "abs" or "min" or "max" && call.Arguments.All(a => IsFixed(a, parameters)),
        _ => false,
    };

    public static double Of(RuleExpression node, IReadOnlyDictionary<string, double> parameters) => node switch
    {
        NumberLiteral number => number.Value,
        BooleanLiteral boolean => boolean.Value ? 1 : 0,
        NameReference name => parameters[name.Name],
        UnaryOperation unary => unary.Operator == "not" ? 1 - Of(unary.Operand, parameters) : -Of(unary.Operand, parameters),
        BinaryOperation binary => Binary(binary.Operator, Of(binary.Left, parameters), Of(binary.Right, parameters)),
        FunctionCall { Name: "abs" } call => Math.Abs(Of(call.Arguments[0], parameters)),
        FunctionCall { Name: "min" } call => Math.Min(Of(call.Arguments[0], parameters), Of(call.Arguments[1], parameters)),
        FunctionCall { Name: "max" } call => Math.Max(Of(call.Arguments[0], parameters), Of(call.Arguments[1], parameters)),
        _ => throw new InvalidOperationException($"'{node}' is not fixed for the run"),
    };

    private static readonly string[] Operators = ["+", "-", "*", "/", "and", "or", "<", "<=", ">", ">=", "==", "!="];

    /// <summary>The operator's code for <see cref="Binary(int, double, double)"/> (resolved once, not per bar).</summary>
    public static int Code(string op)
    {
        int code = Array.IndexOf(Operators, op);
        return code >= 0 ? code : throw new InvalidOperationException($"unknown operator '{op}'");
    }

    public static double Binary(string op, double a, double b) => Binary(Code(op), a, b);

    /// <summary>One operator on two values; the rule for series (bar by bar) and fixed values alike.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Binary(int code, double a, double b)
    {
        switch (code)
        {
            case 0: return Defined(a + b);
            case 1: return Defined(a - b);
            case 2: return Defined(a * b);
            case 3: return Defined(a / b);
            case 4: return a != 0 && b != 0 ? 1 : 0;
            case 5: return a != 0 || b != 0 ? 1 : 0;
        }
        // any comparison with an undefined value is false (!= included)
        if (double.IsNaN(a) || double.IsNaN(b)) return 0;
        return code switch
        {
            6 => a < b ? 1 : 0,
            7 => a <= b ? 1 : 0,
            8 => a > b ? 1 : 0,
            9 => a >= b ? 1 : 0,
            10 => a == b ? 1 : 0,
            _ => a != b ? 1 : 0,
        };
    }

    /// <summary>Infinite results (a division by zero, an overflow) are undefined like NaN.</summary>
    public static double Defined(double value) => double.IsFinite(value) ? value : double.NaN;
}
