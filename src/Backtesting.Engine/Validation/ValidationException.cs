namespace Backtesting.Engine.Validation;

/// <summary>Thrown with every problem found, when a caller asked for a valid value and the input has problems.</summary>
public sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : ArgumentException(string.Join("; ", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
