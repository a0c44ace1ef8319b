namespace Backtesting.Engine.Simulation;

/// <summary>Which rules hold at a bar's close (DESIGN section 9); built-in signals map onto them by direction.</summary>
[Flags]
public enum RuleFlags : byte
{
    None = 0,
    LongEntry = 1,
    LongExit = 2,
    ShortEntry = 4,
    ShortExit = 8,
}
