using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;
using static Backtesting.Local.Tests.Support.WebSocketMessages;

namespace Backtesting.Local.Tests;

/// <summary>/ws: keys only in headers or as a single-use ticket, browser origins checked, messages capped (issue 19 item 4).</summary>
public sealed class WebSocketSecurityTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private LocalHostFactory Factory => fixture.Factory;

    [Fact]
    public async Task QueryStringKey_IsRefused()
    {
        string key = await Factory.CreateKeyAsync("wsq-" + Guid.NewGuid().ToString("N")[..8]);
        var ws = Factory.Server.CreateWebSocketClient();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ws.ConnectAsync(new Uri(Factory.Server.BaseAddress, $"/ws?api_key={key}"), CancellationToken.None));
    }

    [Fact]
    public async Task Ticket_OpensOneConnection_ThenIsSpent()
    {
        var client = await Factory.CreateUserClientAsync("wst-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/ws-ticket");
        Assert.Equal(HttpStatusCode.OK, status);
        string ticket = (string)body!["ticket"]!;
        Assert.Equal(30, (int)body["expires_in"]!);
        var ws = Factory.Server.CreateWebSocketClient();
        var uri = new Uri(Factory.Server.BaseAddress, $"/ws?ticket={Uri.EscapeDataString(ticket)}");

        using (var socket = await ws.ConnectAsync(uri, CancellationToken.None))
        {
            // an authenticated session answers messages: an unknown run id is an error message, not a closed socket
            await SendTextAsync(socket, """{"type":"backtest_status","backtestId":"bt-none"}""");
            var answer = await ReceiveAsync(socket);
            Assert.Equal("error", (string)answer["type"]!);
            Assert.Contains("bt-none", (string)answer["data"]!["message"]!);
        }
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ws.ConnectAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task Ticket_NeedsAnAuthenticatedCaller()
    {
        var (status, _, _) = await Factory.CreateClient().SendJsonAsync(HttpMethod.Post, "/api/ws-ticket");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(Factory.Server.BaseAddress, "/ws?ticket=wst_made-up"), CancellationToken.None));
    }

    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData("null", false)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    public async Task Origin_OnlyLoopbackOrConfiguredOriginsMayConnect(string origin, bool allowed)
    {
        string key = await Factory.CreateKeyAsync("wso-" + Guid.NewGuid().ToString("N")[..8]);
        var ws = Factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request =>
        {
            request.Headers["X-Api-Key"] = key;
            request.Headers.Origin = origin;
        };
        var connect = () => ws.ConnectAsync(new Uri(Factory.Server.BaseAddress, "/ws"), CancellationToken.None);

        if (allowed)
            (await connect()).Dispose();
        else
            await Assert.ThrowsAnyAsync<InvalidOperationException>(connect);
    }

    [Fact]
    public async Task OversizedMessage_ClosesWith1009BeforeTheWholeMessageArrives()
    {
        string key = await Factory.CreateKeyAsync("wsm-" + Guid.NewGuid().ToString("N")[..8]);
        var ws = Factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {key}";
        using var socket = await ws.ConnectAsync(new Uri(Factory.Server.BaseAddress, "/ws"), CancellationToken.None);

        // 16 KB fragments of one unfinished message: the fifth takes it past 64 KB (65,536 bytes)
        var fragment = Encoding.UTF8.GetBytes(new string(' ', 16 * 1024));
        for (int i = 0; i < 5; i++)
            await socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
        Assert.Equal(1009, (int)result.CloseStatus!.Value);
    }

    [Fact]
    public async Task MessageJustUnderTheLimit_IsStillRead()
    {
        string key = await Factory.CreateKeyAsync("wsu-" + Guid.NewGuid().ToString("N")[..8]);
        var ws = Factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {key}";
        using var socket = await ws.ConnectAsync(new Uri(Factory.Server.BaseAddress, "/ws"), CancellationToken.None);

        // 65,536 bytes exactly: {"type":"nope","pad":"   ...   "} padded to the limit
        string head = """{"type":"nope","pad":" """;
        string message = head + new string(' ', 64 * 1024 - head.Length - 2) + "\"}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(message));
        await SendTextAsync(socket, message);

        var answer = await ReceiveAsync(socket);
        Assert.Equal("error", (string)answer["type"]!);
        Assert.Contains("unknown message type 'nope'", (string)answer["data"]!["message"]!);
    }
}
