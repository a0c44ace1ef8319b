using System.CommandLine;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Commands;

/// <summary><c>users create</c>: a user (created if new) and a fresh API key, printed once; only its hash is stored.</summary>
public static class UsersCommand
{
    public static Command Create(CliConsole console)
    {
        var database = StorageCommandOptions.Database();
        var connection = StorageCommandOptions.Connection();
        var id = new Option<string>("--id") { Description = "User id (letters, digits, '-', '_', '.').", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)." };
        var admin = new Option<bool>("--admin") { Description = "May import market data." };
        var create = new Command("create", "Create a user if missing and issue a new API key.") { database, connection, id, name, admin };
        create.SetAction(parse => StorageCommandOptions.Run(console, async () =>
        {
            string userId = parse.GetValue(id)!.Trim();
            if (userId.Length is 0 or > 64 || !userId.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw new ValidationException([new ValidationError("--id", $"'{userId}'", "must be 1-64 letters, digits, '-', '_' or '.'")]);
            await using var storage = StorageCommandOptions.Open(parse.GetValue(database)!, parse.GetValue(connection));
            await storage.GetRequiredService<StorageInitializer>().InitializeAsync();
            var keys = new ApiKeyService(storage.GetRequiredService<IUserStore>(), TimeProvider.System);
            var (user, key) = await keys.CreateUserWithKeyAsync(userId, parse.GetValue(name) ?? userId, parse.GetValue(admin));
            console.Out.WriteLine($"user: {user.Id}{(user.IsAdmin ? " (admin)" : "")}");
            console.Out.WriteLine($"api key (shown once, store it now): {key}");
            return CliApplication.Ok;
        }));
        return new Command("users", "Manage users and API keys.") { create };
    }
}
