using System.Globalization;
using System.Text;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>Signal identity: the values of the parameters that signals depend on.</summary>
internal static class SignalKeys
{
    public static string Of(ParameterSet parameters, params ReadOnlySpan<string> names)
    {
        var key = new StringBuilder();
        foreach (string name in names)
        {
            key.Append(name).Append('=');
            key.Append(parameters.Values[name] switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                null => "null",
                var v => v.ToString(),
            });
            key.Append(';');
        }
        return key.ToString();
    }

    /// <summary>The key over a strategy's own parameters (what every built-in strategy's signals depend on).</summary>
    public static string OwnParameters(StrategyDefinition definition, ParameterSet parameters)
    {
        var names = new string[definition.OwnParameters.Count];
        for (int i = 0; i < names.Length; i++) names[i] = definition.OwnParameters[i].Name;
        return Of(parameters, names);
    }
}
