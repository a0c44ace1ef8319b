using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Backtesting.Application.Users;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IUserStore"/> does, run against each backend.</summary>
public abstract class UserStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    private static User NewUser(bool admin = false) =>
        new("u-" + Guid.NewGuid().ToString("N"), "Ada", admin, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public async Task CreateUserAsync_ThenGetUserAsync_ReturnsIt()
    {
        var user = NewUser(admin: true);

        await Fixture.Users.CreateUserAsync(user);
        var stored = await Fixture.Users.GetUserAsync(user.Id);

        Assert.Equal(user, stored);
        Assert.Equal(DateTimeKind.Utc, stored!.CreatedAt.Kind);
        Assert.Null(await Fixture.Users.GetUserAsync("u-missing"));
    }

    [Fact]
    public async Task CreateUserAsync_DuplicateId_Throws()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);

        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Users.CreateUserAsync(user));
    }

    [Fact]
    public async Task FindByApiKeyHashAsync_KnownHash_ReturnsOwner_InAnyHexCase()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        string hash = Hash("bt_live_" + Guid.NewGuid());

        await Fixture.Users.AddApiKeyAsync(user.Id, hash, "bt_live_");

        Assert.Equal(user, await Fixture.Users.FindByApiKeyHashAsync(hash));
        Assert.Equal(user, await Fixture.Users.FindByApiKeyHashAsync(hash.ToUpperInvariant()));
        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync(Hash("another key")));
    }

    [Fact]
    public async Task AddApiKeyAsync_StoresOnlyTheHash()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        string key = "bt_secret_" + Guid.NewGuid();

        await Fixture.Users.AddApiKeyAsync(user.Id, Hash(key), key[..9]);

        Assert.Equal(0L, await Fixture.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE key_hash = @Key OR key_prefix = @Key", new { Key = key }));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE key_hash = @Hash", new { Hash = Hash(key) }));
    }

    [Fact]
    public async Task FindByApiKeyHashAsync_RevokedKey_ReturnsNull()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        string hash = Hash(Guid.NewGuid().ToString());
        await Fixture.Users.AddApiKeyAsync(user.Id, hash, "bt_");

        await Fixture.OwnerExecuteAsync("UPDATE api_keys SET revoked_at = created_at WHERE key_hash = @Hash", new { Hash = hash });

        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync(hash));
    }

    [Fact]
    public async Task RevokeApiKeysAsync_RevokesTheUsersKeysOnce_KeepsTheKeptKeyAndOtherUsers()
    {
        var user = NewUser();
        var other = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        await Fixture.Users.CreateUserAsync(other);
        string a = Hash(Guid.NewGuid().ToString()), b = Hash(Guid.NewGuid().ToString()), kept = Hash(Guid.NewGuid().ToString()), others = Hash(Guid.NewGuid().ToString());
        foreach (string h in new[] { a, b, kept })
            await Fixture.Users.AddApiKeyAsync(user.Id, h, "bt_");
        await Fixture.Users.AddApiKeyAsync(other.Id, others, "bt_");

        // three keys, one kept (given in upper case: hashes match in any hex case): two revoked
        Assert.Equal(2, await Fixture.Users.RevokeApiKeysAsync(user.Id, kept.ToUpperInvariant()));

        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync(a));
        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync(b));
        Assert.Equal(user, await Fixture.Users.FindByApiKeyHashAsync(kept));
        Assert.Equal(other, await Fixture.Users.FindByApiKeyHashAsync(others));
        // already revoked keys are not counted again; without a kept key the last one goes too
        Assert.Equal(1, await Fixture.Users.RevokeApiKeysAsync(user.Id));
        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync(kept));
        Assert.Equal(0, await Fixture.Users.RevokeApiKeysAsync("u-missing"));
    }

    [Fact]
    public async Task AddApiKeyAsync_NotAHash_Throws_FindReturnsNull()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);

        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Users.AddApiKeyAsync(user.Id, "plain-text-key", "plain"));
        Assert.Null(await Fixture.Users.FindByApiKeyHashAsync("plain-text-key"));
    }

    [Fact]
    public async Task AddApiKeyAsync_UnknownUser_Throws()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Users.AddApiKeyAsync("u-missing", Hash("k"), "k"));
    }
}
