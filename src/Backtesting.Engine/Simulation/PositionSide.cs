namespace Backtesting.Engine.Simulation;

/// <summary>The side of a trade.</summary>
public enum PositionSide
{
    Long = 1,
    Short = -1,
}
