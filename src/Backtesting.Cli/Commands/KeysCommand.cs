using System.CommandLine;

namespace Backtesting.Cli.Commands;

/// <summary><c>keys rotate</c>: a new API key for a user, printed once, and every older key of theirs revoked.</summary>
public static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var database = StorageCommandOptions.Database();
        var connection = StorageCommandOptions.Connection();
        var id = UsersCommand.IdOption();
        var rotate = new Command("rotate", "Issue a new API key for a user and revoke all their older keys.") { database, connection, id };
        rotate.SetAction(parse => UsersCommand.RunWithKeys(console, parse, database, connection, id, async (keys, userId) =>
        {
            var (key, revoked) = await keys.RotateKeyAsync(userId);
            console.Out.WriteLine($"user: {userId}: {revoked} older key(s) revoked");
            console.Out.WriteLine($"api key (shown once, store it now): {key}");
        }));
        return new Command("keys", "Manage API keys.") { rotate };
    }
}
