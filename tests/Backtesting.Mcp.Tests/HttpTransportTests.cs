using System.Net;
using Backtesting.Mcp.Tests.Support;

namespace Backtesting.Mcp.Tests;

/// <summary>What happens before and around MCP processing: keys, origins, methods, media types, protocol versions, malformed input.</summary>
public sealed class HttpTransportTests(McpHostFixture host) : IClassFixture<McpHostFixture>
{
    private HttpClient Client() => host.Factory.CreateClient();

    [Fact]
    public async Task NoKey_Is401BeforeAnyMcpProcessing()
    {
        var (status, message, response) = await RawMcp.PostAsync(Client(), "this is not even JSON", apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("an API key is required", (string)message!["error"]!["message"]!);
    }

    [Fact]
    public async Task WrongKey_Is401()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, apiKey: "btk_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("not valid", (string)message!["error"]!["message"]!);
    }

    [Fact]
    public async Task SdkClientWithoutKey_CannotConnect()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => McpConnections.ConnectAsync(host.Factory, "btk_wrong"));

        Assert.Contains("401", error.ToString());
    }

    [Fact]
    public async Task XApiKeyHeader_IsAcceptedLikeTheRestApi()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, apiKey: null,
            configure: r => r.Headers.Add("X-Api-Key", host.AliceKey));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("backtesting", (string)message!["result"]!["serverInfo"]!["name"]!);
    }

    [Fact]
    public async Task MalformedJson_IsAParseError()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","id":1,"method":""", host.AliceKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-32700, (int)message!["error"]!["code"]!);
        Assert.Null(message["id"]);
    }

    [Fact]
    public async Task EmptyBody_IsAParseError()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), "", host.AliceKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-32700, (int)message!["error"]!["code"]!);
    }

    [Fact]
    public async Task JsonThatIsNoJsonRpcMessage_IsAnInvalidRequest()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"hello":"world"}""", host.AliceKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-32600, (int)message!["error"]!["code"]!);
    }

    [Fact]
    public async Task UnknownMethod_IsMethodNotFound()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","id":7,"method":"backtests/teleport","params":{}}""", host.AliceKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(-32601, (int)message!["error"]!["code"]!);
        Assert.Equal(7, (int)message["id"]!);
    }

    [Fact]
    public async Task WrongContentType_Is415()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, host.AliceKey, contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", (string)message!["error"]!["message"]!);
    }

    [Fact]
    public async Task AcceptWithoutEventStream_Is406()
    {
        var (status, _, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, host.AliceKey, configure: r =>
        {
            r.Headers.Accept.Clear();
            r.Headers.Accept.ParseAdd("application/json");
        });

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task MethodsOtherThanPost_Are405AfterAuthentication(string method)
    {
        using var authenticated = new HttpRequestMessage(new HttpMethod(method), "/mcp");
        authenticated.Headers.Authorization = new("Bearer", host.AliceKey);
        authenticated.Headers.Accept.ParseAdd("text/event-stream");
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), "/mcp");

        var allowed = await Client().SendAsync(authenticated);
        var refused = await Client().SendAsync(anonymous);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, allowed.StatusCode);
        Assert.Equal("POST", string.Join(",", allowed.Content.Headers.Allow));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:6274", HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:3000", HttpStatusCode.OK)]
    public async Task Origin_IsValidated(string origin, HttpStatusCode expected)
    {
        var (status, _, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, host.AliceKey, configure: r => r.Headers.Add("Origin", origin));

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task UnsupportedProtocolVersionHeader_Is400()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", host.AliceKey,
            configure: r => r.Headers.Add("MCP-Protocol-Version", "1999-01-01"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("1999-01-01", (string)message!["error"]!["message"]!);
    }

    [Fact]
    public async Task SupportedProtocolVersionHeader_IsServed()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", host.AliceKey,
            configure: r => r.Headers.Add("MCP-Protocol-Version", "2025-06-18"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(message!["result"]!["tools"]!.AsArray().Count >= 9);
    }

    [Fact]
    public async Task SessionHeader_IsRefusedByTheStatelessServer()
    {
        var (status, _, response) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, host.AliceKey);
        var (withSession, _, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", host.AliceKey,
            configure: r => r.Headers.Add("Mcp-Session-Id", "abc"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(HttpStatusCode.BadRequest, withSession);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":"hello"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":42,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":[],"clientInfo":"me"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize"}""")]
    public async Task Initialize_MalformedParams_AnswersAJsonRpcInvalidParamsError(string body)
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), body, host.AliceKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-32602, (int)message!["error"]!["code"]!);
        Assert.Equal(7, (int)message["id"]!);
        Assert.StartsWith("Invalid params: ", (string)message["error"]!["message"]!);
    }

    [Fact]
    public async Task Notification_IsAccepted()
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), """{"jsonrpc":"2.0","method":"notifications/initialized"}""", host.AliceKey);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Null(message);
    }

    /// <summary>Odd and hostile bodies never crash the handler: each gets a 4xx or a JSON-RPC error, and the server keeps serving.</summary>
    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]""")]
    [InlineData("42")]
    [InlineData("\"tools/list\"")]
    [InlineData("null")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":42}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"run_backtest"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"run_backtest","arguments":[1,2]}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":null}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_metrics","arguments":{"backtest_id":{"$gt":""},"metrics":"all"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"run_backtest","arguments":{"strategy_id":"sma_crossover","asset_symbol":"GOOG","initial_capital":1e400}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"backtest://%ZZ/results"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"validate_strategy","arguments":{"strategy_config":{"strategy_id":{"deep":[[[[]]]]},"parameters":[]}}}}""")]
    public async Task HostileInput_NeverCrashesTheHandler(string body)
    {
        var (status, message, _) = await RawMcp.PostAsync(Client(), body, host.AliceKey);

        Assert.True((int)status < 500, $"{(int)status} for {body}");
        if (status == HttpStatusCode.OK)
            Assert.True(message!["error"] is not null || message["result"]?["isError"]?.GetValue<bool>() == true || message.ToJsonString().Contains("Invalid strategy config", StringComparison.Ordinal),
                message.ToJsonString());
        var (after, _, _) = await RawMcp.PostAsync(Client(), RawMcp.Initialize, host.AliceKey);
        Assert.Equal(HttpStatusCode.OK, after);
    }
}
