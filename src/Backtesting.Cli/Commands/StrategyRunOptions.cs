using System.CommandLine;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;

namespace Backtesting.Cli.Commands;

/// <summary>The options every command that runs a strategy over a file shares: data, strategy, parameters, capital, costs, metric options, window, output.</summary>
public sealed class StrategyRunOptions
{
    public Option<string> Data { get; } = CommonOptions.Data();
    public Option<string> Strategy { get; } = CommonOptions.Strategy();
    public Option<string[]> Parameters { get; } = CommonOptions.Params();
    public Option<double> Capital { get; } = CommonOptions.Capital();
    public Option<double?> Commission { get; } = CommonOptions.Commission();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<double?> PeriodsPerYear { get; } = CommonOptions.PeriodsPerYear();
    public Option<double> RiskFreeRate { get; } = CommonOptions.RiskFreeRate();
    public Option<DateTime?> From { get; } = CommonOptions.From();
    public Option<DateTime?> To { get; } = CommonOptions.To();

    /// <summary>Adds these options to <paramref name="command"/> before its own.</summary>
    public Command AddTo(Command command)
    {
        Option[] shared = [Data, Strategy, Parameters, Capital, Commission, Json, PeriodsPerYear, RiskFreeRate, From, To];
        for (int i = 0; i < shared.Length; i++) command.Options.Insert(i, shared[i]);
        return command;
    }

    /// <summary>--param pairs with --commission merged in.</summary>
    public Dictionary<string, object?> ParameterValues(ParseResult parse) => CommonOptions.ParseParameters(parse.GetValue(Parameters), parse.GetValue(Commission));

    public BacktestOptions BacktestOptions(ParseResult parse) => new(parse.GetValue(PeriodsPerYear), parse.GetValue(RiskFreeRate));

    /// <summary>The file's bars within --from/--to; selecting none is bad input.</summary>
    public BarSeries LoadBars(ParseResult parse) => ResearchOptions.LoadWindow(parse.GetValue(Data)!, parse.GetValue(From), parse.GetValue(To));
}
