namespace Backtesting.Storage;

/// <summary>Service keys of the <see cref="Application.Ports.IUserStore"/> registrations besides the default (the service role's, read-only on PostgreSQL).</summary>
public static class UserStoreKeys
{
    /// <summary>The store over the owner connection: creating users, issuing and revoking keys (the key-management path).</summary>
    public const string KeyManagement = "key-management";
}
