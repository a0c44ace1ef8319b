using System.CommandLine;
using Backtesting.Application.Users;

namespace Backtesting.Cli.Commands;

/// <summary>
/// <c>keys create</c>: one more API key for a user, printed once, optionally expiring; <c>keys list</c>: a user's keys
/// (prefix, created, expires, revoked; never a secret); <c>keys rotate</c>: a new key and every older key revoked.
/// </summary>
public static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var createDatabase = StorageCommandOptions.Database();
        var createConnection = StorageCommandOptions.Connection();
        var createUser = UsersCommand.IdOption("--user");
        var expiresIn = KeyLifetimeOption.Create();
        var create = new Command("create", "Issue one more API key for an existing user.") { createDatabase, createConnection, createUser, expiresIn };
        create.SetAction(parse => UsersCommand.RunWithKeys(console, parse, createDatabase, createConnection, createUser, async (keys, userId) =>
        {
            var lifetime = KeyLifetimeOption.Parse(parse.GetValue(expiresIn));
            string key = await keys.CreateKeyAsync(userId, lifetime);
            console.Out.WriteLine($"user: {userId}");
            UsersCommand.PrintNewKey(console, key, lifetime);
        }));

        var listDatabase = StorageCommandOptions.Database();
        var listConnection = StorageCommandOptions.Connection();
        var listUser = UsersCommand.IdOption("--user");
        var list = new Command("list", "List a user's API keys: prefix, created, expires, revoked (no secrets).") { listDatabase, listConnection, listUser };
        list.SetAction(parse => UsersCommand.RunWithKeys(console, parse, listDatabase, listConnection, listUser, async (keys, userId) =>
        {
            var listed = await keys.ListKeysAsync(userId);
            var now = DateTime.UtcNow;
            console.Out.WriteLine($"{"key",-12} {"created",-16} {"expires",-16} {"revoked",-16} status");
            foreach (var key in listed)
                console.Out.WriteLine($"{key.KeyPrefix + "...",-12} {Time(key.CreatedAt),-16} {Time(key.ExpiresAt) ?? "never",-16} {Time(key.RevokedAt) ?? "-",-16} {Status(key.StatusAt(now))}");
            console.Out.WriteLine($"user: {userId}: {listed.Count} key(s)");
        }));

        var rotateDatabase = StorageCommandOptions.Database();
        var rotateConnection = StorageCommandOptions.Connection();
        var rotateId = UsersCommand.IdOption();
        var rotateExpiresIn = KeyLifetimeOption.Create();
        var rotate = new Command("rotate", "Issue a new API key for a user and revoke all their older keys.") { rotateDatabase, rotateConnection, rotateId, rotateExpiresIn };
        rotate.SetAction(parse => UsersCommand.RunWithKeys(console, parse, rotateDatabase, rotateConnection, rotateId, async (keys, userId) =>
        {
            var lifetime = KeyLifetimeOption.Parse(parse.GetValue(rotateExpiresIn));
            var (key, revoked) = await keys.RotateKeyAsync(userId, lifetime);
            console.Out.WriteLine($"user: {userId}: {revoked} older key(s) revoked");
            UsersCommand.PrintNewKey(console, key, lifetime);
        }));
        return new Command("keys", "Manage API keys.") { create, list, rotate };
    }

    private static string? Time(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Status(ApiKeyStatus status) => status.ToString().ToLowerInvariant();
}
