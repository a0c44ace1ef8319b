using System.CommandLine;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Commands;

/// <summary>
/// <c>users create</c>: a user (created if new) and a fresh API key, printed once; only its hash is stored.
/// <c>users revoke</c>: revokes every key of a user.
/// </summary>
public static class UsersCommand
{
    public static Command Create(CliConsole console)
    {
        var database = StorageCommandOptions.Database();
        var connection = StorageCommandOptions.Connection();
        var id = IdOption();
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)." };
        var admin = new Option<bool>("--admin") { Description = "May import market data." };
        var expiresIn = KeyLifetimeOption.Create();
        var create = new Command("create", "Create a user if missing and issue a new API key.") { database, connection, id, name, admin, expiresIn };
        create.SetAction(parse => RunWithKeys(console, parse, database, connection, id, async (keys, userId) =>
        {
            var lifetime = KeyLifetimeOption.Parse(parse.GetValue(expiresIn));
            var (user, key) = await keys.CreateUserWithKeyAsync(userId, parse.GetValue(name) ?? userId, parse.GetValue(admin), lifetime);
            console.Out.WriteLine($"user: {user.Id}{(user.IsAdmin ? " (admin)" : "")}");
            PrintNewKey(console, key, lifetime);
        }));

        var revokeDatabase = StorageCommandOptions.Database();
        var revokeConnection = StorageCommandOptions.Connection();
        var revokeId = IdOption();
        var revoke = new Command("revoke", "Revoke every API key of a user; REST, MCP and WebSocket refuse them from the next request.") { revokeDatabase, revokeConnection, revokeId };
        revoke.SetAction(parse => RunWithKeys(console, parse, revokeDatabase, revokeConnection, revokeId, async (keys, userId) =>
        {
            int revoked = await keys.RevokeAllKeysAsync(userId);
            console.Out.WriteLine($"user: {userId}: {revoked} key(s) revoked");
        }));
        return new Command("users", "Manage users and API keys.") { create, revoke };
    }

    internal static Option<string> IdOption(string name = "--id") =>
        new(name) { Description = "User id (letters, digits, '-', '_', '.').", Required = true };

    /// <summary>Prints a new key, once, with when it expires.</summary>
    internal static void PrintNewKey(CliConsole console, string key, TimeSpan? lifetime)
    {
        console.Out.WriteLine($"api key (shown once, store it now): {key}");
        if (lifetime is { } life)
            console.Out.WriteLine($"expires: {DateTime.UtcNow + life:yyyy-MM-dd HH:mm} UTC");
    }

    /// <summary>A user id given as <paramref name="option"/>, trimmed; anything but 1-64 letters, digits, '-', '_' or '.' is bad input naming the option.</summary>
    internal static string CheckedUserId(string option, string value)
    {
        string userId = value.Trim();
        if (userId.Length is 0 or > 64 || !userId.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ValidationException([new ValidationError(option, $"'{userId}'", "must be 1-64 letters, digits, '-', '_' or '.'")]);
        return userId;
    }

    /// <summary>
    /// Validates the user id option, opens and migrates the storage, and runs <paramref name="body"/> with an <see cref="ApiKeyService"/>
    /// over the key-management (owner) connection; an unknown user is bad input naming the option.
    /// </summary>
    internal static int RunWithKeys(CliConsole console, ParseResult parse, Option<string> database, Option<string?> connection, Option<string> id,
        Func<ApiKeyService, string, Task> body) => StorageCommandOptions.Run(console, async () =>
    {
        string userId = CheckedUserId(id.Name, parse.GetValue(id)!);
        await using var storage = StorageCommandOptions.Open(parse.GetValue(database)!, parse.GetValue(connection));
        await storage.GetRequiredService<StorageInitializer>().InitializeAsync();
        try
        {
            await body(new ApiKeyService(storage.GetRequiredKeyedService<IUserStore>(UserStoreKeys.KeyManagement), TimeProvider.System), userId);
        }
        catch (KeyNotFoundException)
        {
            throw new ValidationException([new ValidationError(id.Name, $"'{userId}'", "is not an existing user (create one with `users create`)")]);
        }
        return CliApplication.Ok;
    });
}
