using System.CommandLine;
using Backtesting.Engine.Strategies;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Commands;

/// <summary><c>migrate</c>: applies pending SQL migrations and upserts the strategy catalog (what hosts do at start-up).</summary>
public static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var database = StorageCommandOptions.Database();
        var connection = StorageCommandOptions.Connection();
        var serviceRole = new Option<string?>("--service-role")
        {
            Description = "postgres: the service's login role, granted DML on run tables and SELECT only on market data.",
        };
        var command = new Command("migrate", "Apply pending database migrations and upsert the strategy catalog.") { database, connection, serviceRole };
        command.SetAction(parse => StorageCommandOptions.Run(console, async () =>
        {
            await using var storage = StorageCommandOptions.Open(parse.GetValue(database)!, parse.GetValue(connection), parse.GetValue(serviceRole));
            var applied = await storage.GetRequiredService<StorageInitializer>().InitializeAsync();
            console.Out.WriteLine(applied.Count == 0 ? "schema is up to date" : "applied: " + string.Join(", ", applied));
            console.Out.WriteLine($"strategy catalog: {StrategyCatalog.All.Count} strategies upserted");
            return CliApplication.Ok;
        }));
        return command;
    }
}
