using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Backtesting.Application.Users;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Caching;
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
    public async Task FindApiKeyAsync_AsTheService_KnownHash_ReturnsOwnerAndKey_InAnyHexCase()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        string hash = Hash("bt_live_" + Guid.NewGuid());
        var clock = new ManualTimeProvider();
        var expires = new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc);

        await new SqlUserStore(Fixture.Owner, clock).AddApiKeyAsync(user.Id, hash, "bt_live_", expires);

        // issued at the store's clock (ManualTimeProvider starts at 2024-01-01), expiring as given, not revoked
        var expected = new ApiKeyMatch(user, new ApiKeyRecord(user.Id, "bt_live_", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), expires, null));
        Assert.Equal(expected, await Fixture.ServiceUsers.FindApiKeyAsync(hash));
        Assert.Equal(expected, await Fixture.ServiceUsers.FindApiKeyAsync(hash.ToUpperInvariant()));
        Assert.Null(await Fixture.ServiceUsers.FindApiKeyAsync(Hash("another key")));
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
        Assert.Null((await Fixture.Users.FindApiKeyAsync(Hash(key)))!.Key.ExpiresAt);
    }

    [Fact]
    public async Task FindApiKeyAsync_RevokedKey_CarriesItsRevocation()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        string hash = Hash(Guid.NewGuid().ToString());
        await Fixture.Users.AddApiKeyAsync(user.Id, hash, "bt_");

        await Fixture.OwnerExecuteAsync("UPDATE api_keys SET revoked_at = created_at WHERE key_hash = @Hash", new { Hash = hash });

        var found = (await Fixture.ServiceUsers.FindApiKeyAsync(hash))!.Key;
        Assert.Equal(found.CreatedAt, found.RevokedAt);
        Assert.Equal(ApiKeyStatus.Revoked, found.StatusAt(found.CreatedAt));
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

        Assert.NotNull(await RevokedAtAsync(a));
        Assert.NotNull(await RevokedAtAsync(b));
        Assert.Null(await RevokedAtAsync(kept));
        Assert.Null(await RevokedAtAsync(others));
        // already revoked keys are not counted again; without a kept key the last one goes too
        Assert.Equal(1, await Fixture.Users.RevokeApiKeysAsync(user.Id));
        Assert.NotNull(await RevokedAtAsync(kept));
        Assert.Equal(0, await Fixture.Users.RevokeApiKeysAsync("u-missing"));
    }

    [Fact]
    public async Task ListApiKeysAsync_ListsOnlyTheUsersKeys_OldestFirst_WithTheirDates()
    {
        var user = NewUser();
        var other = NewUser();
        await Fixture.Users.CreateUserAsync(user);
        await Fixture.Users.CreateUserAsync(other);
        var clock = new ManualTimeProvider();   // 2024-01-01 00:00 UTC
        var store = new SqlUserStore(Fixture.Owner, clock);
        var day = TimeSpan.FromDays(1);
        string first = Hash(Guid.NewGuid().ToString()), second = Hash(Guid.NewGuid().ToString());
        await store.AddApiKeyAsync(user.Id, first, "btk_aaaaaa", new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        clock.Advance(day);
        await store.AddApiKeyAsync(other.Id, Hash(Guid.NewGuid().ToString()), "btk_zzzzzz");
        await store.AddApiKeyAsync(user.Id, second, "btk_bbbbbb");
        clock.Advance(day);
        await store.RevokeApiKeysAsync(user.Id, keepKeyHash: second);

        var listed = await store.ListApiKeysAsync(user.Id);

        // created 01-01 (expiring 02-01, revoked 01-03) and 01-02 (no expiry, not revoked); the other user's key is not listed
        Assert.Equal(
        [
            new ApiKeyRecord(user.Id, "btk_aaaaaa", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc)),
            new ApiKeyRecord(user.Id, "btk_bbbbbb", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), null, null),
        ], listed);
        Assert.Empty(await store.ListApiKeysAsync("u-missing"));
    }

    private async Task<DateTime?> RevokedAtAsync(string hash) => (await Fixture.ServiceUsers.FindApiKeyAsync(hash))!.Key.RevokedAt;

    [Fact]
    public async Task AddApiKeyAsync_NotAHash_Throws_FindReturnsNull()
    {
        var user = NewUser();
        await Fixture.Users.CreateUserAsync(user);

        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Users.AddApiKeyAsync(user.Id, "plain-text-key", "plain"));
        Assert.Null(await Fixture.Users.FindApiKeyAsync("plain-text-key"));
    }

    [Fact]
    public async Task AddApiKeyAsync_UnknownUser_Throws()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Users.AddApiKeyAsync("u-missing", Hash("k"), "k"));
    }
}
