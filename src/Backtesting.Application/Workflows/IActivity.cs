namespace Backtesting.Application.Workflows;

/// <summary>A unit of work called from workflows: does the I/O and computation. Must be safe to retry.</summary>
public interface IActivity
{
    string Name { get; }

    /// <summary>The CLR type the input is deserialized to.</summary>
    Type InputType { get; }

    Task<object?> RunAsync(object? input, CancellationToken ct);
}
