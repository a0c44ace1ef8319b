using System.CommandLine;
using Backtesting.Engine.Data;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary>The options every command that runs a strategy over a file shares: data, strategy, parameters, capital, costs, metric options, window, output.</summary>
public sealed class StrategyRunOptions
{
    /// <summary>Options of a command; with <paramref name="acceptsStrategyFile"/> a rules definition file may stand in for --strategy.</summary>
    public StrategyRunOptions(bool acceptsStrategyFile = false)
    {
        if (!acceptsStrategyFile) return;
        Strategy.Required = false;
        Strategy.Description += " Or --strategy-file.";
        StrategyFile = new Option<string?>("--strategy-file") { Description = "JSON file defining a rules strategy (see samples/strategies); replaces --strategy." };
    }

    /// <summary>--strategy-file, on the commands that accept one.</summary>
    public Option<string?>? StrategyFile { get; }

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
        Option[] shared = StrategyFile is null
            ? [Data, Strategy, Parameters, Capital, Commission, Json, PeriodsPerYear, RiskFreeRate, From, To]
            : [Data, Strategy, StrategyFile, Parameters, Capital, Commission, Json, PeriodsPerYear, RiskFreeRate, From, To];
        for (int i = 0; i < shared.Length; i++) command.Options.Insert(i, shared[i]);
        return command;
    }

    /// <summary>--param pairs with --commission merged in.</summary>
    public Dictionary<string, object?> ParameterValues(ParseResult parse) => CommonOptions.ParseParameters(parse.GetValue(Parameters), parse.GetValue(Commission));

    public BacktestOptions BacktestOptions(ParseResult parse) => new(parse.GetValue(PeriodsPerYear), parse.GetValue(RiskFreeRate));

    /// <summary>
    /// The file's bars within --from/--to; selecting none is bad input. <paramref name="parsed"/> hears the file's number
    /// of bars before its columns are assembled.
    /// </summary>
    public BarSeries LoadBars(ParseResult parse, Action<int>? parsed = null) =>
        ResearchOptions.LoadWindow(parse.GetValue(Data)!, parse.GetValue(From), parse.GetValue(To), parsed);

    /// <summary>
    /// The rules strategy of --strategy-file (its definition checked with every problem reported, each with
    /// its field and column), or null when --strategy names a built-in. Exactly one of the two is required.
    /// </summary>
    public StrategyDefinition? RulesStrategy(ParseResult parse)
    {
        string? file = StrategyFile is null ? null : parse.GetValue(StrategyFile);
        string? id = parse.GetValue(Strategy);
        if (file is null)
        {
            if (id is null) throw new ValidationException([new ValidationError("--strategy", null, "is required: a strategy id, or --strategy-file with a rules definition")]);
            return null;
        }
        if (id is not null) throw new ValidationException([new ValidationError("--strategy", $"'{id}'", "cannot be combined with --strategy-file")]);
        return ReadDefinition(file);
    }

    /// <summary>The strategy id and the strategies it may name: the rules strategy of --strategy-file, or the built-in of --strategy.</summary>
    public (string Id, StrategyLookup Strategies) StrategyChoice(ParseResult parse) =>
        RulesStrategy(parse) is { } rules ? (rules.Id, new StrategyLookup([rules])) : (parse.GetValue(Strategy)!, StrategyLookup.BuiltIns);

    /// <summary>The rules strategy a definition file holds; a missing file or a bad definition is bad input naming the file, field and column.</summary>
    public static StrategyDefinition ReadDefinition(string file)
    {
        if (!File.Exists(file)) throw new ValidationException([new ValidationError("--strategy-file", $"'{file}'", "does not exist")]);
        var errors = RuleStrategyDefinition.TryParse(File.ReadAllText(file), out var definition);
        return definition?.ToStrategyDefinition() ?? throw new ValidationException(errors);
    }

    /// <summary>The built-ins plus the rules strategies of repeatable --strategy-file options (compare, portfolio); two files with one id are bad input.</summary>
    public static StrategyLookup Lookup(IEnumerable<string>? files)
    {
        var own = (files ?? []).Select(ReadDefinition).ToList();
        var twice = own.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ValidationException([new ValidationError("--strategy-file", $"'{twice.Key}'", "is the id of more than one file; each strategy id once")]);
        return new StrategyLookup(own);
    }
}
