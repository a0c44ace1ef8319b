using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http;

/// <summary>
/// Browser hardening headers on every response (pages, API, errors) of both hosts: data the service stores must never
/// run as script, the service must not be framed, and URLs (which can carry run ids) must not leak to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The dashboard's policy: scripts, styles and requests from this origin only; no inline code, plugins, framing or base rewrites.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) boots from an inline script and loads its bundle and fonts from a CDN. It shows
    /// only the OpenAPI document, no stored data, so it gets these exceptions; framing and plugins stay off.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; " +
        "img-src 'self' data: https:; font-src 'self' data: https://cdn.jsdelivr.net https://fonts.gstatic.com; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/api/reference";

    /// <summary>Local host: adds the headers when each response starts, so responses rewritten by the exception handler or status pages carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        AddWhenResponseStarts(context);
        return next(context);
    });

    /// <summary>Sets the headers on <paramref name="http"/>'s response just before it starts (whatever produced it).</summary>
    public static void AddWhenResponseStarts(HttpContext http) => http.Response.OnStarting(static state =>
    {
        Apply((HttpContext)state);
        return Task.CompletedTask;
    }, http);

    /// <summary>Sets the headers on <paramref name="http"/>'s response now.</summary>
    public static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
