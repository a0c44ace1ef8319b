using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>Key expiry and revocation as <see cref="ApiKeyService"/> decides them (issue 19 item 10).</summary>
public sealed class ApiKeyServiceTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly User Alice = new("alice", "Alice", false, Start);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly Mock<IUserStore> _store = new();

    private ApiKeyService Service => new(_store.Object, _clock);

    private void Stored(string key, DateTime? expiresAt, DateTime? revokedAt = null) =>
        _store.Setup(s => s.FindApiKeyAsync(ApiKeyService.Hash(key), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ApiKeyMatch(Alice, new ApiKeyRecord(Alice.Id, "btk_abcdef", Start, expiresAt, revokedAt)));

    [Fact]
    public async Task CheckAsync_BeforeExpiry_Accepts_FromTheExpiryInstantOn_RefusesAsExpired()
    {
        Stored("btk_key", Start.AddDays(30));

        // one tick before the expiry instant the key still works; at the instant and after it is expired
        _clock.SetUtcNow(new DateTimeOffset(Start.AddDays(30).AddTicks(-1)));
        Assert.Equal(ApiKeyCheck.Accepted(Alice), await Service.CheckAsync("btk_key"));
        _clock.SetUtcNow(new DateTimeOffset(Start.AddDays(30)));
        Assert.Equal(new ApiKeyCheck(null, "the API key has expired"), await Service.CheckAsync("btk_key"));
        _clock.Advance(TimeSpan.FromDays(400));
        Assert.Null(await Service.AuthenticateAsync("btk_key"));
    }

    [Fact]
    public async Task CheckAsync_RevokedOrUnknownKey_IsNotValid_EvenBeforeAnExpiry()
    {
        Stored("btk_revoked", Start.AddDays(30), revokedAt: Start);

        Assert.Equal(new ApiKeyCheck(null, "the API key is not valid"), await Service.CheckAsync("btk_revoked"));
        Assert.Equal(ApiKeyCheck.NotValid, await Service.CheckAsync("btk_unknown"));
        Assert.Equal(ApiKeyCheck.NotValid, await Service.CheckAsync(" "));
    }

    [Fact]
    public async Task CheckAsync_KeyWithoutExpiry_WorksUntilRevoked()
    {
        Stored("btk_forever", expiresAt: null);
        _clock.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(Alice, await Service.AuthenticateAsync("btk_forever"));
    }

    [Fact]
    public async Task CreateKeyAsync_WithALifetime_StoresItsExpiryFromTheClock()
    {
        _store.Setup(s => s.GetUserAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(Alice);

        string key = await Service.CreateKeyAsync("alice", TimeSpan.FromDays(30));

        // 2026-01-01 12:00 + 30 days = 2026-01-31 12:00; only the hash and a 10-character prefix are stored
        string prefix = key.Substring(0, 10);
        _store.Verify(s => s.AddApiKeyAsync("alice", ApiKeyService.Hash(key), prefix, new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task CreateKeyAsync_NonPositiveLifetime_Throws_AndStoresNothing(int hours)
    {
        _store.Setup(s => s.GetUserAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(Alice);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Service.CreateKeyAsync("alice", TimeSpan.FromHours(hours)));
        _store.Verify(s => s.AddApiKeyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTime?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
