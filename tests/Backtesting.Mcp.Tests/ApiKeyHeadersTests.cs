using Backtesting.Application.Users;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Tests;

/// <summary>The one rule for where a request carries its API key (REST, /mcp and /ws all read it through ApiKeyHeaders).</summary>
public sealed class ApiKeyHeadersTests
{
    private static HttpRequest Request(string? authorization = null, string? apiKey = null)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        if (apiKey is not null) http.Request.Headers["X-Api-Key"] = apiKey;
        return http.Request;
    }

    [Theory]
    [InlineData("Bearer btk_abc", "btk_abc")]
    [InlineData("bearer btk_abc", "btk_abc")] // the scheme name is case-insensitive (RFC 9110 section 11.1)
    [InlineData("BEARER   btk_abc  ", "btk_abc")] // whitespace around the key is not part of it
    public void ReadKey_BearerToken_IsTheKey(string authorization, string expected) =>
        Assert.Equal(expected, ApiKeyHeaders.ReadKey(Request(authorization)));

    [Theory]
    [InlineData("btk_abc", "btk_abc")]
    [InlineData("  btk_abc ", "btk_abc")]
    public void ReadKey_XApiKey_IsTheKeyWhenThereIsNoBearerToken(string header, string expected) =>
        Assert.Equal(expected, ApiKeyHeaders.ReadKey(Request(apiKey: header)));

    [Fact]
    public void ReadKey_BothHeaders_TheBearerTokenWins() =>
        Assert.Equal("from_bearer", ApiKeyHeaders.ReadKey(Request("Bearer from_bearer", "from_header")));

    [Fact]
    public void ReadKey_OtherAuthorizationScheme_FallsBackToXApiKey()
    {
        Assert.Equal("from_header", ApiKeyHeaders.ReadKey(Request("Basic dXNlcjpwYXNz", "from_header")));
        Assert.Null(ApiKeyHeaders.ReadKey(Request("Basic dXNlcjpwYXNz")));
        // "Bearerbtk_abc" names no Bearer scheme (no space after it)
        Assert.Null(ApiKeyHeaders.ReadKey(Request("Bearerbtk_abc")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ReadKey_NoKey_IsNull(string? apiKey) =>
        Assert.Null(ApiKeyHeaders.ReadKey(Request(apiKey: apiKey)));

    [Fact]
    public void ReadKey_QueryString_IsNeverRead()
    {
        var request = Request();
        request.QueryString = new QueryString("?api_key=btk_abc&X-Api-Key=btk_abc");

        Assert.Null(ApiKeyHeaders.ReadKey(request));
    }

    [Fact]
    public void RefusalOf_SaysWhatTheKeyCheckRecorded_ElseNotValid()
    {
        var http = new DefaultHttpContext();
        Assert.Equal(ApiKeyCheck.NotValidMessage, ApiKeyHeaders.RefusalOf(http));

        http.Items[ApiKeyCheck.RefusalItem] = "the API key has expired";
        Assert.Equal("the API key has expired", ApiKeyHeaders.RefusalOf(http));
    }
}
