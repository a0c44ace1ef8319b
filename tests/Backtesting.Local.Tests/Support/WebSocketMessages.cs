using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Backtesting.Local.Tests.Support;

/// <summary>Sends and receives the /ws endpoint's messages (one text message each, bounded waits) for every WebSocket test.</summary>
public static class WebSocketMessages
{
    public static Task SendAsync(WebSocket socket, JsonNode message) => SendTextAsync(socket, message.ToJsonString());

    /// <summary>Sends <paramref name="text"/> as it is (also what is not valid JSON).</summary>
    public static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next whole message as JSON.</summary>
    public static async Task<JsonNode> ReceiveAsync(WebSocket socket) => JsonNode.Parse(await ReceiveTextAsync(socket))!;

    /// <summary>The next whole message, however many frames it came in; fails after 30 s without one.</summary>
    public static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}
