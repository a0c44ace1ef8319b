using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>Every response (dashboard, static files, API, errors) carries the browser hardening headers.</summary>
public sealed class SecurityHeadersTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/dashboard.js", false)]
    [InlineData("/api/assets", true)]       // authenticated API
    [InlineData("/api/assets", false)]      // 401 problem details
    [InlineData("/api/nowhere", true)]      // 404 from routing
    public async Task Response_CarriesStrictCspNosniffFrameDenyAndReferrerPolicy(string path, bool withKey)
    {
        var client = withKey ? await fixture.Factory.CreateUserClientAsync("hdr-" + Guid.NewGuid().ToString("N")[..6]) : fixture.Factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        string csp = Single(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["script-src"]);   // no 'unsafe-inline', no 'unsafe-eval', no other origin
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Dashboard_HasNoInlineScriptOrStyle()
    {
        // the policy forbids inline code, so the page must not need any
        string html = await fixture.Factory.CreateClient().GetStringAsync("/");
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\sstyle=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);
}
