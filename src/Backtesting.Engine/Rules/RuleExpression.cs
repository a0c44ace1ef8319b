namespace Backtesting.Engine.Rules;

/// <summary>A node of a parsed rule expression; <see cref="Column"/> is 1-based in the rule's text.</summary>
internal abstract record RuleExpression(int Column)
{
    /// <summary>Nodes in this subtree (the size limit counts them).</summary>
    public abstract int Size { get; }
}

/// <summary>A number literal.</summary>
internal sealed record NumberLiteral(int Column, double Value) : RuleExpression(Column)
{
    public override int Size => 1;
}

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record BooleanLiteral(int Column, bool Value) : RuleExpression(Column)
{
    public override int Size => 1;
}

/// <summary>A parameter or a price series (open, high, low, close, volume).</summary>
internal sealed record NameReference(int Column, string Name) : RuleExpression(Column)
{
    public override int Size => 1;
}

/// <summary>Unary minus or <c>not</c>.</summary>
internal sealed record UnaryOperation(int Column, string Operator, RuleExpression Operand) : RuleExpression(Column)
{
    public override int Size => 1 + Operand.Size;
}

/// <summary>Arithmetic, comparison, <c>and</c> or <c>or</c>; <see cref="RuleExpression.Column"/> is the operator's.</summary>
internal sealed record BinaryOperation(int Column, string Operator, RuleExpression Left, RuleExpression Right) : RuleExpression(Column)
{
    public override int Size => 1 + Left.Size + Right.Size;
}

/// <summary>A function call; <see cref="RuleExpression.Column"/> is the function name's.</summary>
internal sealed record FunctionCall(int Column, string Name, IReadOnlyList<RuleExpression> Arguments) : RuleExpression(Column)
{
    public override int Size => 1 + Arguments.Sum(a => a.Size);
}
