using System.Net;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http;

/// <summary>Whether a Host or Origin value names this machine's loopback interface (localhost, 127.0.0.0/8, ::1).</summary>
public static class LoopbackNames
{
    public static bool IsLoopbackHost(HostString host) => host.HasValue && IsLoopbackName(host.Host);

    /// <summary>True for no Origin (a non-browser client) or an http(s) origin on the loopback.</summary>
    public static bool IsLoopbackOriginOrAbsent(string? origin) =>
        string.IsNullOrEmpty(origin)
        || Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && IsLoopbackName(uri.Host);

    private static bool IsLoopbackName(string name)
    {
        string bare = name.Trim('[', ']');
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}
