using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Rules;

/// <summary>One parameter set of a rules strategy: signals carry the rule flags of each bar.</summary>
internal sealed class RuleStrategy(RuleProgram program, ParameterSet parameters) : IStrategy
{
    // the warm-up is per rule and per indicator (undefined values make comparisons false); nothing to add here
    public int WarmUpPeriod => 0;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        var values = new Dictionary<string, double>();
        foreach (var (name, value) in parameters.Values)
            if (value is double d) values[name] = d;
        program.Generate(bars, values, signals);
    }
}
