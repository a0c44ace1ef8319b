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
}
