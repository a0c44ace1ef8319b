using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>
/// Issue 17: keys and users are reused for <see cref="ApiKeyCacheOptions.KeyCacheSeconds"/> (2 s here) so that a poll
/// does not read the store to authenticate, and what that must not change: a revocation or rotation through the service
/// is refused from the next request on, one made elsewhere within the cache's lifetime, expiry to the tick, and a key
/// issued elsewhere works at once.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly User Alice = new("alice", "Alice", false, Start);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly Mock<IUserStore> _store = new();
    private readonly ApiKeyService _service;
    private int _finds;

    public ApiKeyCacheTests()
    {
        var cache = new ApiKeyCache(Options.Create(new ApiKeyCacheOptions { KeyCacheSeconds = 2 }), _clock);
        _service = new ApiKeyService(_store.Object, _clock, cache);
        _store.Setup(s => s.GetUserAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(Alice);
    }

    private void Stored(string key, DateTime? expiresAt = null, DateTime? revokedAt = null) =>
        _store.Setup(s => s.FindApiKeyAsync(ApiKeyService.Hash(key), It.IsAny<CancellationToken>()))
            .Callback(() => Interlocked.Increment(ref _finds))
            .ReturnsAsync(new ApiKeyMatch(Alice, new ApiKeyRecord(Alice.Id, "btk_abcdef", Start, expiresAt, revokedAt)));

    [Fact]
    public async Task CheckAsync_WithinTheLifetime_ReadsTheStoreOnce_AfterIt_ReadsAgain()
    {
        Stored("btk_key");

        for (int i = 0; i < 5; i++)
            Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_key"));
        Assert.Equal(1, _finds);

        // revoked by another process (the CLI): this process reads it again once the 2 s are over, not a tick before
        Stored("btk_key", revokedAt: Start);
        _clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_key"));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(ApiKeyCheck.NotValid, await _service.CheckAsync("btk_key"));
        Assert.Equal(2, _finds);
    }

    [Fact]
    public async Task RevokeAllKeysAsync_ThroughTheService_IsRefusedAtOnce()
    {
        Stored("btk_key");
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_key"));
        _store.Setup(s => s.RevokeApiKeysAsync("alice", null, It.IsAny<CancellationToken>())).Callback(() => Stored("btk_key", revokedAt: Start)).ReturnsAsync(1);

        Assert.Equal(1, await _service.RevokeAllKeysAsync("alice"));

        Assert.Equal(ApiKeyCheck.NotValid, await _service.CheckAsync("btk_key")); // no clock advance: the entry is gone
        Assert.Equal(2, _finds);
    }

    [Fact]
    public async Task RotateKeyAsync_OldKeyIsRefusedAtOnce()
    {
        Stored("btk_old");
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_old"));
        _store.Setup(s => s.RevokeApiKeysAsync("alice", It.IsNotNull<string>(), It.IsAny<CancellationToken>())).Callback(() => Stored("btk_old", revokedAt: Start)).ReturnsAsync(1);

        var (_, revoked) = await _service.RotateKeyAsync("alice");

        Assert.Equal(1, revoked);
        Assert.Equal(ApiKeyCheck.NotValid, await _service.CheckAsync("btk_old"));
    }

    [Fact]
    public async Task Revocation_WhileAKeyIsBeingRead_KeepsThatReadOutOfTheCache()
    {
        // the read started before the revocation and answers with the key as it was: it may serve this one request
        // (it was under way when the revocation happened) but must not be kept for the next ones
        var reading = new TaskCompletionSource<ApiKeyMatch?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var activeMatch = new ApiKeyMatch(Alice, new ApiKeyRecord(Alice.Id, "btk_abcdef", Start, null, null));
        _store.Setup(s => s.FindApiKeyAsync(ApiKeyService.Hash("btk_key"), It.IsAny<CancellationToken>())).Returns(reading.Task);
        _store.Setup(s => s.RevokeApiKeysAsync("alice", null, It.IsAny<CancellationToken>())).ReturnsAsync(1);
        var check = _service.CheckAsync("btk_key");

        await _service.RevokeAllKeysAsync("alice");
        reading.SetResult(activeMatch);
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await check);

        Stored("btk_key", revokedAt: Start);
        Assert.Equal(ApiKeyCheck.NotValid, await _service.CheckAsync("btk_key"));
        Assert.Equal(1, _finds); // the second check read the store
    }

    [Fact]
    public async Task CachedKey_ExpiresAtItsInstant_NotAtTheCachesPace()
    {
        Stored("btk_key", expiresAt: Start.AddSeconds(1));
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_key"));

        _clock.Advance(TimeSpan.FromSeconds(1)); // inside the 2 s lifetime, at the expiry instant

        Assert.Equal(ApiKeyCheck.Expired, await _service.CheckAsync("btk_key"));
        Assert.Equal(1, _finds);
    }

    [Fact]
    public async Task UnknownKey_IsNotCached_AKeyIssuedElsewhereWorksAtOnce()
    {
        Assert.Equal(ApiKeyCheck.NotValid, await _service.CheckAsync("btk_new"));

        Stored("btk_new"); // issued by the CLI a moment later

        Assert.Equal(ApiKeyCheck.Accepted(Alice), await _service.CheckAsync("btk_new"));
    }

    [Fact]
    public async Task EnsureUserAsync_ReadsTheUserOnceWithinTheLifetime()
    {
        for (int i = 0; i < 3; i++)
            Assert.Equal(Alice, await _service.EnsureUserAsync("alice", "Alice", isAdmin: false));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Alice, await _service.EnsureUserAsync("alice", "Alice", isAdmin: false));

        _store.Verify(s => s.GetUserAsync("alice", It.IsAny<CancellationToken>()), Times.Exactly(2));
        _store.Verify(s => s.CreateUserAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ZeroSeconds_ReadsTheStoreOnEveryCheck()
    {
        var service = new ApiKeyService(_store.Object, _clock, new ApiKeyCache(Options.Create(new ApiKeyCacheOptions { KeyCacheSeconds = 0 }), _clock));
        Stored("btk_key");

        await service.CheckAsync("btk_key");
        await service.CheckAsync("btk_key");

        Assert.Equal(2, _finds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void NegativeOrNaNSeconds_IsRefused_NamingTheSetting(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ApiKeyCache(Options.Create(new ApiKeyCacheOptions { KeyCacheSeconds = seconds }), _clock));
        Assert.Contains("Backtesting:Auth:KeyCacheSeconds", error.Message);
    }
}
