namespace Backtesting.Engine.Validation;

/// <summary>One problem with an input: the field path, the offending value as given, and what is allowed.</summary>
public sealed record ValidationError(string Field, string? Value, string Message)
{
    /// <summary>"field: value 'x' must be ..."</summary>
    public override string ToString() => Value is null ? $"{Field}: {Message}" : $"{Field}: value {Value} {Message}";
}
