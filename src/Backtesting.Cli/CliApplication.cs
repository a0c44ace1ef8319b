using System.CommandLine;
using Backtesting.Cli.Commands;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli;

/// <summary>Builds the command tree and maps failures to exit codes: 0 ok, 2 bad input, 1 unexpected.</summary>
public static class CliApplication
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, errorIsTerminal: false);

    /// <param name="args">The command line.</param>
    /// <param name="output">stdout: results only.</param>
    /// <param name="error">stderr: errors, and progress of long jobs when <paramref name="errorIsTerminal"/>.</param>
    /// <param name="errorIsTerminal">Whether stderr is an interactive terminal.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        var root = new RootCommand("Backtesting engine: run strategies over OHLCV bars, optimize parameters, generate data.");
        var console = new CliConsole(output, error, errorIsTerminal);
        root.Options.Add(console.Quiet);
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(OptimizeCommand.Create(console));
        root.Subcommands.Add(WalkForwardCommand.Create(console));
        root.Subcommands.Add(MonteCarloCommand.Create(console));
        root.Subcommands.Add(PortfolioCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(StrategiesCommand.Create(console));
        root.Subcommands.Add(GenDataCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(MigrateCommand.Create(console));
        root.Subcommands.Add(UsersCommand.Create(console));
        root.Subcommands.Add(KeysCommand.Create(console));
        root.Subcommands.Add(McpCommand.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var unknown = UnknownOptions(parse);
            foreach (var e in unknown) error.WriteLine($"error: {e}");
            foreach (var e in parse.Errors.Where(e => !unknown.Any(u => e.Message.Contains($"'{u.Field}'", StringComparison.Ordinal))))
                error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run with --help for usage.");
            return BadInput;
        }
        if (NonFiniteNumbers(parse) is { Count: > 0 } nonFinite)
        {
            foreach (var e in nonFinite) error.WriteLine($"error: {e}");
            return BadInput;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parse.Invoke(configuration);
    }

    /// <summary>
    /// NaN and infinities given to any numeric option (they parse as doubles but no option means them, and JSON
    /// output cannot carry them), each naming the option.
    /// </summary>
    private static IReadOnlyList<ValidationError> NonFiniteNumbers(ParseResult parse) =>
        parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(r => r.Option.ValueType == typeof(double) || r.Option.ValueType == typeof(double?) || r.Option.ValueType == typeof(double[]))
            .SelectMany(r => r.Tokens.Where(t => double.TryParse(t.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && !double.IsFinite(v))
                .Select(t => new ValidationError(r.Option.Name, t.Value, "is not a finite number; NaN and infinities are not accepted")))
            .ToArray();

    /// <summary>Unrecognized options, each named with the nearest option of its command (the same rule as unknown REST fields and MCP arguments).</summary>
    private static IReadOnlyList<ValidationError> UnknownOptions(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var known = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToArray();
        string path = command is RootCommand ? "the command line" : command.Name;
        return UnknownFields.Check(parse.UnmatchedTokens.Where(t => t.StartsWith('-') && t.Length > 1 && !double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)).Distinct(), known, $"an option of {path}");
    }
}
