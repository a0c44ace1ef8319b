using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Sessions;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Mcp.Schema;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Wraps every tool call: arguments are checked against the tool's schema first, and the failures a caller
/// causes (validation, limits, permissions, unknown or closed sessions) become isError results naming the field and what is allowed.
/// Unknown tools pass through to the SDK, which answers with a JSON-RPC error.
/// </summary>
internal static class ToolCallFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            if (request.MatchedPrimitive is not McpServerTool tool || request.Params is not { } call)
                return await next(request, cancellationToken).ConfigureAwait(false);
            string name = tool.ProtocolTool.Name;
            call.Arguments ??= new Dictionary<string, JsonElement>();
            var errors = ToolArgumentValidator.Validate(name, tool.ProtocolTool.InputSchema, call.Arguments);
            if (errors.Count > 0) return ToolResults.Invalid(name, errors);
            try
            {
                return await next(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ValidationException ex)
            {
                return ToolResults.Invalid(name, ex.Errors);
            }
            catch (LimitExceededException ex)
            {
                string retry = ex.RetryAfter is { } after ? string.Create(CultureInfo.InvariantCulture, $" Retry after {Math.Max(1, Math.Ceiling(after.TotalSeconds))} s.") : "";
                return ToolResults.Error($"{name} refused by the {ex.Limit} limit: {ex.Message}.{retry}");
            }
            catch (ForbiddenException ex)
            {
                return ToolResults.Error($"{name} is not allowed for this API key: {ex.Message}");
            }
            catch (SessionNotFoundException ex)
            {
                return ToolResults.Error($"{name}: {SessionText.NotFound(ex)}");
            }
            catch (SessionConflictException ex)
            {
                return ToolResults.Error($"{name} conflict: {ex.Message} (current version {ex.CurrentVersion}); get_session shows its state");
            }
        };
}
