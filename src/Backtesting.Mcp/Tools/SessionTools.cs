using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Sessions;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Resources;
using Backtesting.Mcp.Schema;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Trading sessions (DESIGN section 10): trade history by hand, bar by bar, without seeing the future. Every rule lives in
/// <see cref="TradingSessionService"/>; these tools only shape its answers (a text line to act on, the JSON as a resource).
/// </summary>
[McpServerToolType]
public sealed class SessionTools(TradingSessionService sessions)
{
    private const string StateResource = "Answer: a text line (current bar time and OHLC, cash, equity, position units/avg price/unrealized P&L, open orders) "
        + "and the resource session://{id} ({session_id, status, version, current_bar, bar_index, bars_remaining, cash, equity, position, open_orders, realized_pnl, ...}).";

    private const string ExpectedVersionDescription = "Optional: the session version you last saw (every answer names it). If the session has changed since, "
        + "nothing is done and the answer is a conflict error with the current version; re-read with get_session and decide again.";

    [McpServerTool(Name = "start_trading_session", Title = "Start a trading session", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Starts a session that replays one asset's history bar by bar for you to trade by hand: the clock stands at the close of the current bar "
        + "(the first bar at or after start_date); only bars up to it are visible; orders placed now fill from the next bar on. "
        + "Then place_order, advance_session, get_session_bars, and close_session to turn it into a run readable with get_backtest_results. " + StateResource)]
    public async Task<CallToolResult> StartTradingSessionAsync(
        ClaimsPrincipal caller,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("The first bar you trade from: ISO 8601 date or UTC date-time, e.g. '2005-01-03'.")]
        [StringLength(40, MinimumLength = 1)] string start_date,
        [Description("Starting cash, greater than 0 and at most 1e12.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital,
        [Description("Last bar of the session (inclusive; a date covers its whole day). Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Commission rate per fill in [0, 1), e.g. 0.002. Default 0.")]
        [Range(0d, 1d)] double commission = 0,
        [Description("Slippage in basis points in [0, 10000), moving each fill against its side. Default 0.")]
        [Range(0d, 10_000d)] double slippage_bps = 0,
        [Description("Bars before start_date visible as history from the start (e.g. for indicators). Default 0.")]
        [Range(0, int.MaxValue)] int warmup_bars = 0,
        [Description("Allow fractional units (true) or whole units only (false). Default false.")]
        bool fractional = false,
        CancellationToken cancellationToken = default)
    {
        var view = await sessions.CreateAsync(McpCaller.UserId(caller), new CreateSessionRequest
        {
            AssetSymbol = asset_symbol, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, Timeframe = timeframe,
            Commission = commission, SlippageBps = slippage_bps, WarmupBars = warmup_bars, Fractional = fractional,
        }, cancellationToken).ConfigureAwait(false);
        return ToolResults.Ok($"Started. {SessionText.State(view)} Next: place_order or advance_session.", StateOf(view));
    }

    [McpServerTool(Name = "get_session", Title = "Trading session state", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The state of one of your trading sessions at its current bar, and its fills since since_fill (omitted: every fill so far). " + StateResource
        + " Also the resource session://{id}/fills ({session_id, since_fill, last_fill_id, fills}).")]
    public async Task<CallToolResult> GetSessionAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session, e.g. 'ts-...'.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description(SessionFillCursor.Description)]
        [StringLength(40)] string? since_fill = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var view = await sessions.GetAsync(userId, session_id, cancellationToken).ConfigureAwait(false);
        var all = await sessions.GetFillsAsync(userId, session_id, cancellationToken).ConfigureAwait(false);
        var listed = SessionFillCursor.After(all, since_fill);
        return ToolResults.Ok($"{SessionText.State(view)} {SessionFillCursor.Text(listed, since_fill, all)}", StateOf(view), FillsOf(session_id, since_fill, listed, all));
    }

    [McpServerTool(Name = "get_session_bars", Title = "Trading session bars", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The last lookback bars of a session up to and including its current bar (never a later one), oldest first. "
        + "Answer: a text line (range and the current bar) and the resource session://{id}/bars ({session_id, bars: [{time, open, high, low, close, volume}]}).")]
    public async Task<CallToolResult> GetSessionBarsAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description("How many bars back to return, counting the current one. Default 100.")]
        [Range(1, int.MaxValue)] int lookback = TradingSessionService.DefaultLookback,
        CancellationToken cancellationToken = default)
    {
        var bars = await sessions.GetBarsAsync(McpCaller.UserId(caller), session_id, lookback, cancellationToken).ConfigureAwait(false);
        var json = new JsonObject { ["session_id"] = session_id, ["bars"] = JsonSerializer.SerializeToNode(bars, WorkflowJson.Options) };
        string text = $"{bars.Count} bars of session {session_id} from {bars[0].Time:yyyy-MM-dd} to the current bar {SessionText.Bar(bars[^1])}.";
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.Session(session_id, "bars"), json));
    }

    [McpServerTool(Name = "place_order", Title = "Place an order in a trading session", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Places a working order; it can fill from the next bar on (never on the current one). Give exactly one of quantity (units) or percent_of_equity (0-100]. "
        + "market fills at the next open; limit (needs limit_price): a buy when low <= limit at min(open, limit), a sell when high >= limit at max(open, limit); "
        + "stop (needs stop_price): a buy when high >= stop at max(open, stop), a sell when low <= stop at min(open, stop); stop_limit (both) becomes a limit once its stop trades. "
        + "stop_loss/take_profit attach exit orders to the fill (one cancels the other). A buy beyond cash is rejected. "
        + "Answer: a text line (the order, then the session state) and the resources session://{id}/orders/{order_id} and session://{id}.")]
    public async Task<CallToolResult> PlaceOrderAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description("buy or sell (a sell without a position opens a short).")]
        [AllowedValues("buy", "sell")] string side,
        [Description("market, limit, stop or stop_limit.")]
        [AllowedValues("market", "limit", "stop", "stop_limit")] string type,
        [Description("Units to trade (> 0). Give this or percent_of_equity.")]
        double? quantity = null,
        [Description("Size as a percent of equity at the fill, in (0, 100]. Give this or quantity.")]
        double? percent_of_equity = null,
        [Description("Limit price: required for limit and stop_limit.")]
        double? limit_price = null,
        [Description("Stop price: required for stop and stop_limit.")]
        double? stop_price = null,
        [Description("Optional protective stop price attached to the fill.")]
        double? stop_loss = null,
        [Description("Optional take-profit price attached to the fill.")]
        double? take_profit = null,
        [Description(ExpectedVersionDescription)]
        [Range(1, long.MaxValue)] long? expected_version = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var order = await sessions.PlaceOrderAsync(userId, session_id, new PlaceOrderRequest
        {
            Side = side, Type = type, Quantity = quantity, PercentOfEquity = percent_of_equity, LimitPrice = limit_price, StopPrice = stop_price,
            StopLoss = stop_loss, TakeProfit = take_profit,
        }, expected_version, cancellationToken).ConfigureAwait(false);
        var view = await sessions.GetAsync(userId, session_id, cancellationToken).ConfigureAwait(false);
        return ToolResults.Ok($"Placed {SessionText.Order(order)}; it can fill from the next bar (advance_session). {SessionText.State(view)}",
            OrderOf(session_id, order), StateOf(view));
    }

    [McpServerTool(Name = "cancel_order", Title = "Cancel an order in a trading session", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Cancels a working order of a session (a filled or cancelled one cannot be). "
        + "Answer: a text line (the order, then the session state) and the resources session://{id}/orders/{order_id} and session://{id}.")]
    public async Task<CallToolResult> CancelOrderAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description("Order id returned by place_order (or listed in the session's open_orders).")]
        [StringLength(100, MinimumLength = 1)] string order_id,
        [Description(ExpectedVersionDescription)]
        [Range(1, long.MaxValue)] long? expected_version = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var order = await sessions.CancelOrderAsync(userId, session_id, order_id, expected_version, cancellationToken).ConfigureAwait(false);
        var view = await sessions.GetAsync(userId, session_id, cancellationToken).ConfigureAwait(false);
        return ToolResults.Ok($"Cancelled {SessionText.Order(order)}. {SessionText.State(view)}", OrderOf(session_id, order), StateOf(view));
    }

    [McpServerTool(Name = "advance_session", Title = "Advance a trading session", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Moves the session's clock forward by bars, or until a time (to the last bar at or before it; a date means that day's bar), filling working orders "
        + "by the same rules as a backtest. Past the last bar it stops there and says so. Give exactly one of bars or until. "
        + "Answer: a text line (what moved, the fills of this call or, given since_fill, every fill after it, the last fill id, the new state) and the resource session://{id}/advance "
        + "({bars_advanced, reached_end, message, fills, rejected, session}).")]
    public async Task<CallToolResult> AdvanceSessionAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description("Bars to move forward (>= 1). Give this or until.")]
        [Range(1, int.MaxValue)] int? bars = null,
        [Description("Move to the last bar at or before this ISO 8601 date or UTC date-time. Give this or bars.")]
        [StringLength(40)] string? until = null,
        [Description(SessionFillCursor.Description + " Omitted: the fills of this call.")]
        [StringLength(40)] string? since_fill = null,
        [Description(ExpectedVersionDescription)]
        [Range(1, long.MaxValue)] long? expected_version = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var step = await sessions.AdvanceAsync(userId, session_id, new AdvanceRequest { Bars = bars, Until = until }, expected_version, cancellationToken).ConfigureAwait(false);
        var all = await sessions.GetFillsAsync(userId, session_id, cancellationToken).ConfigureAwait(false);
        var listed = since_fill is null ? step.Fills : SessionFillCursor.After(all, since_fill);
        return ToolResults.Ok(SessionText.Advance(step, SessionFillCursor.Text(listed, since_fill, all)),
            ToolResults.Resource(ResourceUris.Session(session_id, "advance"), JsonSerializer.SerializeToNode(step, WorkflowJson.Options)!));
    }

    [McpServerTool(Name = "close_session", Title = "Close a trading session", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Finishes a session: the position is closed at the next open (default) or, with at 'close', at the current close, and the session becomes a completed "
        + "run of kind backtrading_session whose results, trades and metrics read like a backtest's (get_backtest_results, get_metrics). The session takes no more actions. "
        + "Answer: a text line (run id and headline metrics), the resource backtest://{run_id} ({backtest_id, status}) and session://{id}/close ({run_id, session, metrics}).")]
    public async Task<CallToolResult> CloseSessionAsync(
        ClaimsPrincipal caller,
        [Description("Session id returned by start_trading_session.")]
        [StringLength(100, MinimumLength = 1)] string session_id,
        [Description("Where the position is closed: next_open (default) or close (the current bar's close).")]
        [AllowedValues("next_open", "close")] string at = "next_open",
        [Description(ExpectedVersionDescription)]
        [Range(1, long.MaxValue)] long? expected_version = null,
        CancellationToken cancellationToken = default)
    {
        var closed = await sessions.CloseAsync(McpCaller.UserId(caller), session_id, new CloseSessionRequest { At = at }, expected_version, cancellationToken).ConfigureAwait(false);
        var status = new JsonObject { ["backtest_id"] = closed.RunId, ["status"] = Application.Runs.RunStatus.Completed };
        return ToolResults.Ok($"Session {session_id} closed into run {closed.RunId}: {BacktestText.Metrics(closed.Metrics)}. get_backtest_results backtest_id='{closed.RunId}' reads its trades and equity curve.",
            ToolResults.Resource(ResourceUris.Backtest(closed.RunId), status),
            ToolResults.Resource(ResourceUris.Session(session_id, "close"), JsonSerializer.SerializeToNode(closed, WorkflowJson.Options)!));
    }

    private static EmbeddedResourceBlock StateOf(SessionView view) =>
        ToolResults.Resource(ResourceUris.Session(view.SessionId), JsonSerializer.SerializeToNode(view, WorkflowJson.Options)!);

    private static EmbeddedResourceBlock FillsOf(string sessionId, string? sinceFill, IReadOnlyList<SessionFillView> listed, IReadOnlyList<SessionFillView> all) =>
        ToolResults.Resource(ResourceUris.Session(sessionId, "fills"), new JsonObject
        {
            ["session_id"] = sessionId, ["since_fill"] = sinceFill, ["last_fill_id"] = all.Count == 0 ? null : all[^1].FillId,
            ["fills"] = JsonSerializer.SerializeToNode(listed, WorkflowJson.Options),
        });

    private static EmbeddedResourceBlock OrderOf(string sessionId, SessionOrderView order) =>
        ToolResults.Resource(ResourceUris.Session(sessionId, "orders/" + Uri.EscapeDataString(order.OrderId)), JsonSerializer.SerializeToNode(order, WorkflowJson.Options)!);
}
