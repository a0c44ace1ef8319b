using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Backtesting.Local.Tests.Support;

/// <summary>Sends and receives the /ws endpoint's JSON messages (one text message each, bounded waits).</summary>
public static class WebSocketMessages
{
    public static Task SendAsync(WebSocket socket, JsonNode message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next whole message, however many frames it came in; fails after 30 s without one.</summary>
    public static async Task<JsonNode> ReceiveAsync(WebSocket socket)
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
        return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
    }
}
