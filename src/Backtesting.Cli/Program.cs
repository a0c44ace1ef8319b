using Backtesting.Cli;

return CliApplication.Run(args, Console.Out, Console.Error, errorIsTerminal: !Console.IsErrorRedirected);
