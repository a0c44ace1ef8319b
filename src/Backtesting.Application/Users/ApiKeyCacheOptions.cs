namespace Backtesting.Application.Users;

/// <summary>How long a process may reuse what it read about an API key or a user (configuration section "Backtesting:Auth").</summary>
public sealed class ApiKeyCacheOptions
{
    public const string SectionName = "Backtesting:Auth";

    /// <summary>
    /// Seconds a key found in the store (and the user behind it) is reused without reading the store again; 0 reads on
    /// every request. A key revoked or rotated through this process is refused at once; one revoked by another process
    /// (the CLI's <c>users revoke</c> and <c>keys rotate</c>, another instance) is refused at the latest this long
    /// after. Expiry is exact either way: it is decided against the clock on every request.
    /// </summary>
    public double KeyCacheSeconds { get; set; } = 2;
}
