using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.BuyAndHold;

/// <summary>One bullish signal at the first bar, held to the end.</summary>
internal sealed class BuyAndHoldKernel(int bars) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => "";

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        signals[..bars].Clear();
        if (bars > 0) signals[0] = 1;
    }
}
