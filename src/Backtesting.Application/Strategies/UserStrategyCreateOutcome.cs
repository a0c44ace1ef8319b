namespace Backtesting.Application.Strategies;

/// <summary>What <see cref="Ports.IUserStrategyStore.CreateAsync"/> did.</summary>
public enum UserStrategyCreateOutcome
{
    Created,

    /// <summary>The owner already has a strategy with that id; nothing was stored.</summary>
    DuplicateId,

    /// <summary>The owner already has the most strategies allowed; nothing was stored.</summary>
    LimitReached,
}
