using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>Issue 19 item 10: an expired key is refused like a revoked one by REST, MCP and /ws, saying that it expired.</summary>
public sealed class KeyExpiryTests : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private readonly LocalHostFactory _factory = new(settings: LocalHostFactory.GenerousLimits);

    public void Dispose() => _factory.Dispose();

    /// <summary>A key of <paramref name="userId"/> stored with the given expiry (the CLI only issues future ones; time passes).</summary>
    private async Task<string> KeyExpiringAtAsync(string userId, DateTime expiresAt)
    {
        await _factory.CreateKeyAsync(userId);
        string key = ApiKeyService.KeyPrefix + Guid.NewGuid().ToString("N");
        await _factory.Services.GetRequiredService<IUserStore>().AddApiKeyAsync(userId, ApiKeyService.Hash(key), key[..10], expiresAt);
        return key;
    }

    [Fact]
    public async Task ExpiredKey_IsRefusedByRestMcpAndWebSocket_SayingItExpired()
    {
        string expired = await KeyExpiringAtAsync("expired-user", DateTime.UtcNow.AddMinutes(-1));

        var (restStatus, restBody) = await RestAsync(expired);
        Assert.Equal(HttpStatusCode.Unauthorized, restStatus);
        Assert.Contains("\"the API key has expired\"", restBody);
        var (mcpStatus, mcpBody) = await McpAsync(expired);
        Assert.Equal(HttpStatusCode.Unauthorized, mcpStatus);
        Assert.Contains("Unauthorized: the API key has expired", mcpBody);
        var ws = _factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {expired}";
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ws.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/ws"), CancellationToken.None));
        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task KeyBeforeItsExpiry_Works_AndAnUnknownKeyIsStillJustNotValid()
    {
        string live = await KeyExpiringAtAsync("expiring-user", DateTime.UtcNow.AddHours(1));

        Assert.Equal(HttpStatusCode.OK, (await RestAsync(live)).Status);
        Assert.Equal(HttpStatusCode.OK, (await McpAsync(live)).Status);
        var (status, body) = await RestAsync(ApiKeyService.KeyPrefix + "never-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("the API key is not valid", body);
    }

    private async Task<(HttpStatusCode Status, string Body)> RestAsync(string key)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.GetAsync("/api/backtests");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> McpAsync(string key)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
