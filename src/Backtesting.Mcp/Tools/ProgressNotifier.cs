using Backtesting.Application.Views;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Sends a tool call's progress notifications and waits until each is written. The SDK's injected
/// IProgress sends without waiting, so on a stateless Streamable HTTP response the last notification
/// could be written after the tool's result, when the response is already complete, and be lost.
/// </summary>
internal sealed class ProgressNotifier
{
    private readonly McpServer? _server;
    private readonly ProgressToken? _token;

    private ProgressNotifier(McpServer? server, ProgressToken? token) => (_server, _token) = (server, token);

    /// <summary>Sends nothing: for callers without a progress token.</summary>
    public static ProgressNotifier None { get; } = new(null, null);

    /// <summary>The notifier of a tool call: silent unless the request carries a progress token.</summary>
    public static ProgressNotifier For(RequestContext<CallToolRequestParams> context) =>
        context.Params?.ProgressToken is { } token ? new ProgressNotifier(context.Server, token) : None;

    public Task NotifyAsync(ProgressNotificationValue value, CancellationToken ct) =>
        _server is null || _token is not { } token ? Task.CompletedTask : _server.NotifyProgressAsync(token, value, cancellationToken: ct);

    /// <summary>A waited-for run's progress (<see cref="Application.Runs.RunWaiter"/>) as a notification out of 100.</summary>
    public ValueTask RunProgressedAsync(RunView run, CancellationToken ct) =>
        new(NotifyAsync(new ProgressNotificationValue { Progress = (float)run.Progress, Total = 100, Message = Describe(run) }, ct));

    private static string Describe(RunView run) =>
        run.CurrentDate is { } date
            ? $"{run.Status}: {run.Progress:0.#} % ({date:yyyy-MM-dd} reached, {(run.Unit is { } unit ? $"{run.UnitsDone} {unit}" : $"{run.TradesExecuted} trades")})"
            : $"{run.Status}: {run.Progress:0.#} %";
}
