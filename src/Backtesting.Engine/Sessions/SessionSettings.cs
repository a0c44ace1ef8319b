namespace Backtesting.Engine.Sessions;

/// <summary>A session's fixed terms: capital, commission rate, slippage in basis points, whole or fractional units.</summary>
public sealed record SessionSettings
{
    public required double InitialCapital { get; init; }
    public double Commission { get; init; }
    public double SlippageBps { get; init; }
    public bool Fractional { get; init; }
}
