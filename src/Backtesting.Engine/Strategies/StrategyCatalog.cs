using Backtesting.Engine.Strategies.BollingerReversion;
using Backtesting.Engine.Strategies.BuyAndHold;
using Backtesting.Engine.Strategies.DonchianBreakout;
using Backtesting.Engine.Strategies.EmaCrossover;
using Backtesting.Engine.Strategies.MacdCrossover;
using Backtesting.Engine.Strategies.RsiReversion;
using Backtesting.Engine.Strategies.SmaCrossover;

namespace Backtesting.Engine.Strategies;

/// <summary>Every built-in strategy, by id: the registrations of the strategy folders (definition, parameters and signal kernel live there).</summary>
public static class StrategyCatalog
{
    public static IReadOnlyList<StrategyDefinition> All { get; } =
    [
        SmaCrossoverDefinition.Definition,
        EmaCrossoverDefinition.Definition,
        MacdCrossoverDefinition.Definition,
        RsiReversionDefinition.Definition,
        BollingerReversionDefinition.Definition,
        DonchianBreakoutDefinition.Definition,
        BuyAndHoldDefinition.Definition,
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(s => s.Id).ToArray();

    public static StrategyDefinition? Find(string? id) => All.FirstOrDefault(s => s.Id == id);
}
