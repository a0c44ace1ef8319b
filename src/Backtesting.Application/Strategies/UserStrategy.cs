namespace Backtesting.Application.Strategies;

/// <summary>
/// A user's own strategy as stored (<c>trading_strategies</c> rows with an owner): the definition JSON it was
/// created from (DESIGN section 9) and the catalog columns derived from it, so built-ins and user strategies
/// read alike.
/// </summary>
public sealed record UserStrategy
{
    public required string OwnerUserId { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string StrategyType { get; init; }

    /// <summary>The JSON schema of its parameters (own and common), as built-ins store it.</summary>
    public required string ParametersSchema { get; init; }

    /// <summary>Every parameter's default, a JSON object.</summary>
    public required string DefaultParameters { get; init; }

    /// <summary>The definition as the user sent it (validated), a JSON object.</summary>
    public required string Definition { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
