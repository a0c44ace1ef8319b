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
            Assert.Null(await users.FindApiKeyAsync(key));
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

    [Fact]
    public async Task KeysCreate_WithExpiresIn_IssuesAKeyExpiringThen_AndKeysListShowsEveryKeyWithoutSecrets()
    {
        string db = NewDb();
        try
        {
            var (code, output, error) = CliRunner.Run("users", "create", "--id", "gina", "--expires-in", "30d", "--connection", db);
            Assert.True(code == 0, error);
            string first = output.Split("store it now): ")[1].Split('\n')[0].Trim();
            var before = DateTime.UtcNow;
            (code, output, error) = CliRunner.Run("keys", "create", "--user", "gina", "--expires-in", "12h", "--connection", db);
            Assert.True(code == 0, error);
            string second = output.Split("store it now): ")[1].Split('\n')[0].Trim();
            Assert.Contains("expires: ", output);
            CliRunner.Run("keys", "rotate", "--id", "gina", "--connection", db);   // both revoked, a third key without expiry

            var stored = await ListAsync(db, "gina");
            // users create: 30 days; keys create: 12 hours (the expiry and the creation time are two clock readings, a moment apart)
            Assert.Equal(3, stored.Count);
            Assert.InRange(stored[0].ExpiresAt!.Value - stored[0].CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
            Assert.InRange(stored[1].ExpiresAt!.Value - stored[1].CreatedAt, TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(12));
            Assert.InRange(stored[1].CreatedAt, before.AddMinutes(-1), DateTime.UtcNow);
            Assert.Null(stored[2].ExpiresAt);
            Assert.NotNull(stored[0].RevokedAt);
            Assert.NotNull(stored[1].RevokedAt);

            (code, output, error) = CliRunner.Run("keys", "list", "--user", "gina", "--connection", db);
            Assert.True(code == 0, error);
            Assert.Contains("3 key(s)", output);
            Assert.Contains(first[..10] + "...", output);
            Assert.DoesNotContain(first, output);
            Assert.DoesNotContain(second, output);
            Assert.DoesNotContain(ApiKeyService.Hash(first), output);
            var rows = output.Split('\n').Where(line => line.StartsWith(ApiKeyService.KeyPrefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(3, rows.Count);
            Assert.EndsWith("revoked", rows[0].TrimEnd());
            Assert.EndsWith("revoked", rows[1].TrimEnd());
            Assert.EndsWith("active", rows[2].TrimEnd());
            Assert.Contains(" never ", rows[2]);
        }
        finally
        {
            DeleteDb(db);
        }
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30x")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("3651d")]
    [InlineData("1.5d")]
    public void KeysCreate_BadExpiresIn_ExitsTwoNamingTheOptionAndTheAllowedValues(string value)
    {
        string db = NewDb();
        try
        {
            CreateKey(db, "hank");

            var (code, _, error) = CliRunner.Run("keys", "create", "--user", "hank", "--expires-in", value, "--connection", db);

            Assert.Equal(2, code);
            Assert.Contains("--expires-in", error);
            Assert.Contains("e.g. 30d or 12h", error);
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

    private static async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string db, string userId)
    {
        await using var storage = new ServiceCollection().AddBacktestingStorage(new StorageOptions { SqlitePath = db }).BuildServiceProvider();
        return await storage.GetRequiredService<IUserStore>().ListApiKeysAsync(userId);
    }

    private static async Task<User?> AuthenticateAsync(string db, string key)
    {
        await using var storage = new ServiceCollection().AddBacktestingStorage(new StorageOptions { SqlitePath = db }).BuildServiceProvider();
        return await new ApiKeyService(storage.GetRequiredService<IUserStore>(), TimeProvider.System).AuthenticateAsync(key);
    }
}
