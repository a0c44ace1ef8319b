namespace Backtesting.Engine.Strategies;

/// <summary>JSON type of a strategy parameter.</summary>
public enum ParameterType
{
    Integer,
    Number,
    Boolean,
    Enum,
}
