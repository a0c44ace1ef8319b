namespace Backtesting.Http;

/// <summary>Configuration section "Backtesting:Auth".</summary>
public sealed class ApiKeyAuthenticationOptions
{
    public const string SectionName = "Backtesting:Auth";

    /// <summary>
    /// Local-development mode: a request from the loopback interface without a key acts as
    /// <see cref="LocalUserId"/>. Off by default; any other configuration requires keys.
    /// </summary>
    public bool AllowLoopbackWithoutKey { get; set; }

    public string LocalUserId { get; set; } = "local";
}
