using System.CommandLine;
using Backtesting.Cli.Commands;

namespace Backtesting.Cli;

/// <summary>Builds the command tree and maps failures to exit codes: 0 ok, 2 bad input, 1 unexpected.</summary>
public static class CliApplication
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Backtesting engine: run strategies over OHLCV bars, optimize parameters, generate data.");
        var console = new CliConsole(output, error);
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
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run with --help for usage.");
            return BadInput;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parse.Invoke(configuration);
    }
}
