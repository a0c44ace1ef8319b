namespace Backtesting.Application.Users;

/// <summary>
/// What is stored about one API key besides its hash: the non-secret prefix a user recognises it by, when it was
/// issued, when it expires (null: never) and when it was revoked (null: not revoked).
/// </summary>
public sealed record ApiKeyRecord(string UserId, string KeyPrefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt)
{
    /// <summary>Whether the key opens the service at <paramref name="now"/> (UTC): the one place that decides it.</summary>
    public ApiKeyStatus StatusAt(DateTime now) =>
        RevokedAt is not null ? ApiKeyStatus.Revoked
        : ExpiresAt is { } expires && expires <= now ? ApiKeyStatus.Expired
        : ApiKeyStatus.Active;
}
