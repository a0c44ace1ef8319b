using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Tests;

public class UsersCommandTests
{
    [Fact]
    public async Task UsersCreate_PrintsAKeyThatAuthenticatesAndStoresOnlyItsHash()
    {
        string db = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.db");
        try
        {
            var (code, output, error) = CliRunner.Run("users", "create", "--id", "carol", "--admin", "--connection", db);
            Assert.True(code == 0, error);
            string key = output.Split("store it now): ")[1].Trim();
            Assert.StartsWith(ApiKeyService.KeyPrefix, key);

            await using var storage = new ServiceCollection().AddBacktestingStorage(new StorageOptions { SqlitePath = db }).BuildServiceProvider();
            var users = storage.GetRequiredService<IUserStore>();
            var user = await new ApiKeyService(users, TimeProvider.System).AuthenticateAsync(key);
            Assert.Equal("carol", user?.Id);
            Assert.True(user!.IsAdmin);
            Assert.Null(await users.FindByApiKeyHashAsync(key));
            Assert.DoesNotContain(key, await File.ReadAllTextAsync(db));
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public void UsersCreate_BadId_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("users", "create", "--id", "no spaces", "--connection", Path.Combine(Path.GetTempPath(), "never.db"));
        Assert.Equal(2, code);
        Assert.Contains("--id", error);
    }

    [Fact]
    public async Task UsersRevoke_RefusesEveryKeyOfTheUser_OthersKeepWorking()
    {
        string db = NewDb();
        try
        {
            string first = CreateKey(db, "dave"), second = CreateKey(db, "dave"), other = CreateKey(db, "erin");

            var (code, output, error) = CliRunner.Run("users", "revoke", "--id", "dave", "--connection", db);

            Assert.True(code == 0, error);
            Assert.Contains("2 key(s) revoked", output);
            Assert.Null(await AuthenticateAsync(db, first));
            Assert.Null(await AuthenticateAsync(db, second));
            Assert.Equal("erin", (await AuthenticateAsync(db, other))?.Id);
            // revoking is not banning: a key issued afterwards works
            Assert.Equal("dave", (await AuthenticateAsync(db, CreateKey(db, "dave")))?.Id);
        }
        finally
        {
            DeleteDb(db);
        }
    }

    [Fact]
    public async Task KeysRotate_PrintsANewKeyOnce_AndRevokesTheOldOnes()
    {
        string db = NewDb();
        try
        {
            string old = CreateKey(db, "frank");

            var (code, output, error) = CliRunner.Run("keys", "rotate", "--id", "frank", "--connection", db);

            Assert.True(code == 0, error);
            Assert.Contains("1 older key(s) revoked", output);
            string fresh = output.Split("store it now): ")[1].Trim();
            Assert.Single(output.Split(ApiKeyService.KeyPrefix).Skip(1));   // the plaintext key appears once
            Assert.Null(await AuthenticateAsync(db, old));
            Assert.Equal("frank", (await AuthenticateAsync(db, fresh))?.Id);
        }
        finally
        {
            DeleteDb(db);
        }
    }

    [Theory]
    [InlineData("users", "revoke")]
    [InlineData("keys", "rotate")]
    public void RevokeOrRotate_UnknownUser_ExitsTwoNamingId(string group, string command)
    {
        string db = NewDb();
        try
        {
            var (code, _, error) = CliRunner.Run(group, command, "--id", "nobody", "--connection", db);

            Assert.Equal(2, code);
            Assert.Contains("--id", error);
            Assert.Contains("nobody", error);
        }
        finally
        {
            DeleteDb(db);
        }
    }

    private static string NewDb() => Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.db");

    private static void DeleteDb(string db)
    {
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*")) File.Delete(f);
    }

    private static string CreateKey(string db, string userId)
    {
        var (code, output, error) = CliRunner.Run("users", "create", "--id", userId, "--connection", db);
        Assert.True(code == 0, error);
        return output.Split("store it now): ")[1].Trim();
    }

    private static async Task<User?> AuthenticateAsync(string db, string key)
    {
        await using var storage = new ServiceCollection().AddBacktestingStorage(new StorageOptions { SqlitePath = db }).BuildServiceProvider();
        return await new ApiKeyService(storage.GetRequiredService<IUserStore>(), TimeProvider.System).AuthenticateAsync(key);
    }
}
