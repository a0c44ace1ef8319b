using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backtesting.Application.Users;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>Issue 19 item 10: a revoked or rotated-out key is refused (401) by REST, MCP and /ws from the next request on.</summary>
public sealed class KeyRevocationTests : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private readonly LocalHostFactory _factory = new(settings: LocalHostFactory.GenerousLimits);

    public void Dispose() => _factory.Dispose();

    private ApiKeyService Keys => _factory.Services.GetRequiredService<ApiKeyService>();

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnceByRestMcpAndWebSocket()
    {
        string key = await _factory.CreateKeyAsync("revoked-user");
        string bystander = await _factory.CreateKeyAsync("bystander");
        Assert.Equal(HttpStatusCode.OK, await RestStatusAsync(key));
        Assert.Equal(HttpStatusCode.OK, await McpStatusAsync(key));

        Assert.Equal(1, await Keys.RevokeAllKeysAsync("revoked-user"));

        Assert.Equal(HttpStatusCode.Unauthorized, await RestStatusAsync(key));
        Assert.Equal(HttpStatusCode.Unauthorized, await McpStatusAsync(key));
        var ws = _factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {key}";
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ws.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/ws"), CancellationToken.None));
        // another user's key is untouched, on REST and on the same /ws handshake
        Assert.Equal(HttpStatusCode.OK, await RestStatusAsync(bystander));
        var accepted = _factory.Server.CreateWebSocketClient();
        accepted.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bystander}";
        (await accepted.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/ws"), CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task WebSocketTicket_IssuedBeforeTheKeysRevocation_OpensNoSocketAfterIt()
    {
        string key = await _factory.CreateKeyAsync("ticket-user");
        string before = await TicketAsync(key), after = await TicketAsync(key);
        // a ticket redeemed while its key is valid opens a socket
        (await ConnectWithTicketAsync(before)).Dispose();

        await Keys.RevokeAllKeysAsync("ticket-user");

        // the second ticket is unused and within its 30 s, but its key is gone
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConnectWithTicketAsync(after));
        Assert.Contains("401", refused.Message);
    }

    private async Task<string> TicketAsync(string key)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.PostAsync("/api/ws-ticket", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ticket"]!.GetValue<string>();
    }

    private Task<System.Net.WebSockets.WebSocket> ConnectWithTicketAsync(string ticket) =>
        _factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(_factory.Server.BaseAddress, $"/ws?ticket={Uri.EscapeDataString(ticket)}"), CancellationToken.None);

    [Fact]
    public async Task RotatedKey_OldIsRefused_NewIsAccepted()
    {
        string old = await _factory.CreateKeyAsync("rotating-user");

        var (fresh, revoked) = await Keys.RotateKeyAsync("rotating-user");

        Assert.Equal(1, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, await RestStatusAsync(old));
        Assert.Equal(HttpStatusCode.Unauthorized, await McpStatusAsync(old));
        Assert.Equal(HttpStatusCode.OK, await RestStatusAsync(fresh));
        Assert.Equal(HttpStatusCode.OK, await McpStatusAsync(fresh));
    }

    private async Task<HttpStatusCode> RestStatusAsync(string key)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetAsync("/api/backtests")).StatusCode;
    }

    private async Task<HttpStatusCode> McpStatusAsync(string key)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return (await client.SendAsync(request)).StatusCode;
    }
}
