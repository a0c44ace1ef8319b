using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Sessions;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Resources;

/// <summary>
/// The caller's trading sessions as resources (templates session://{id}, session://{id}/orders, session://{id}/fills), in the
/// shapes the session tools embed. Another user's session is "not found".
/// </summary>
[McpServerResourceType]
public sealed class SessionResources(TradingSessionService sessions)
{
    [McpServerResource(UriTemplate = ResourceUris.SessionTemplate, Name = "trading_session", Title = "Trading session state", MimeType = ToolResults.JsonMimeType)]
    [Description("One of your trading sessions at its current bar: {session_id, status, version, current_bar, bar_index, bars_remaining, cash, equity, position, "
        + "open_orders, realized_pnl, total_fees, ...} (as get_session embeds it).")]
    public Task<TextResourceContents> ReadSessionAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(id, async () => JsonSerializer.SerializeToNode(await sessions.GetAsync(McpCaller.UserId(caller), id, cancellationToken).ConfigureAwait(false), WorkflowJson.Options)!,
            ResourceUris.Session(id));

    [McpServerResource(UriTemplate = ResourceUris.SessionOrdersTemplate, Name = "trading_session_orders", Title = "Trading session orders", MimeType = ToolResults.JsonMimeType)]
    [Description("Every order of one of your trading sessions, oldest first, whatever its status: {session_id, orders: [...]}.")]
    public Task<TextResourceContents> ReadOrdersAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(id, async () => new JsonObject
        {
            ["session_id"] = id,
            ["orders"] = JsonSerializer.SerializeToNode(await sessions.GetOrdersAsync(McpCaller.UserId(caller), id, cancellationToken).ConfigureAwait(false), WorkflowJson.Options),
        }, ResourceUris.Session(id, "orders"));

    [McpServerResource(UriTemplate = ResourceUris.SessionFillsTemplate, Name = "trading_session_fills", Title = "Trading session fills", MimeType = ToolResults.JsonMimeType)]
    [Description("Every fill of one of your trading sessions, in order: {session_id, fills: [{fill_id, order_id, time, side, quantity, price, fee}]}.")]
    public Task<TextResourceContents> ReadFillsAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(id, async () => new JsonObject
        {
            ["session_id"] = id,
            ["fills"] = JsonSerializer.SerializeToNode(await sessions.GetFillsAsync(McpCaller.UserId(caller), id, cancellationToken).ConfigureAwait(false), WorkflowJson.Options),
        }, ResourceUris.Session(id, "fills"));

    private static async Task<TextResourceContents> ReadAsync(string id, Func<Task<JsonNode>> read, string uri)
    {
        try
        {
            var json = await read().ConfigureAwait(false);
            return new TextResourceContents { Uri = uri, MimeType = ToolResults.JsonMimeType, Text = json.ToJsonString() };
        }
        catch (SessionNotFoundException)
        {
            throw new McpProtocolException($"no trading session '{id}' for this API key (sessions of other users are not visible)", McpErrorCode.ResourceNotFound);
        }
    }
}
