using System.Text.Json;
using Backtesting.Application.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// The endpoint filter of every /mcp endpoint (<see cref="McpEndpointMappingExtensions.MapMcpEndpoint"/>): before the
/// SDK sees a request it checks the Origin (403), the caller (401, unless the host's authentication admitted it:
/// <see cref="CallerAdmission"/>), then lets a method other than POST through to the 405 endpoint, then the caller's
/// rate limit (429, likewise), the content type (415), the body size (413), that the body is JSON at all (-32700) and
/// that initialize params can be read (-32602). Every refusal is a JSON-RPC error. A client that goes away mid-exchange
/// gets its connection aborted, and a failure is a JSON-RPC internal error.
/// </summary>
internal sealed class McpRequestChecks(
    IMcpCallerAuthenticator authenticator, UserRateLimiter rateLimiter, IOptions<McpEndpointOptions> options,
    IOptions<BacktestingLimits> limits, ILogger<McpRequestChecks> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocation.HttpContext;
        try
        {
            return await CheckThenServeAsync(invocation, next).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: abandon the exchange rather than end it as a normal response. Returning would
            // complete a 200 text/event-stream with no reply in it wherever the response still has a reader (in-process
            // test servers, proxies), and the client would report "response completed without a reply" instead of the
            // cancellation it caused, e.g. the SDK's server/discover probe timing out on a cold host, whose fallback
            // to initialize only happens when the cancellation surfaces as one.
            context.Abort();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "MCP request failed");
            if (!context.Response.HasStarted)
                await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, (int)McpErrorCode.InternalError, "Internal error").ConfigureAwait(false);
            else
                // a started event stream cannot carry an error status any more; ending it normally would read as an empty
                // 200 without a reply, so abort it as the cancellation path does and the client sees the failure
                context.Abort();
        }
        return Results.Empty;
    }

    private async ValueTask<object?> CheckThenServeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var request = context.Request;
        if (!OriginPolicy.IsAllowed(request, options.Value))
            return await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"Forbidden: Origin '{request.Headers.Origin}' is not allowed; allowed are localhost origins and Backtesting:Mcp:AllowedOrigins").ConfigureAwait(false);

        // the local host's authentication and rate limiter admit callers before the endpoint; a host without them (the
        // Functions app) gets the same checks here
        var user = CallerAdmission.AdmittedUser(context);
        bool admitted = user is not null;
        if (user is null)
        {
            var address = context.Connection.RemoteIpAddress;
            try
            {
                // an address that keeps failing is refused before its next key is even looked up
                rateLimiter.ThrowIfAddressThrottled(address);
            }
            catch (LimitExceededException limit)
            {
                await McpRefusalResponses.WriteTooManyAsync(context, limit).ConfigureAwait(false);
                return Results.Empty;
            }
            user = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
            if (user is null)
            {
                rateLimiter.CountUnauthenticated(address);
                await McpRefusalResponses.WriteUnauthorizedAsync(context, ApiKeyHeaders.ReadKey(request) is not null).ConfigureAwait(false);
                return Results.Empty;
            }
        }

        // the SDK's endpoint takes POST only; any other method reaches the endpoint that answers 405
        if (!HttpMethods.IsPost(request.Method))
            return await next(invocation).ConfigureAwait(false);

        try
        {
            if (!admitted) rateLimiter.Acquire(user.Id);
        }
        catch (LimitExceededException limit)
        {
            await McpRefusalResponses.WriteTooManyAsync(context, limit).ConfigureAwait(false);
            return Results.Empty;
        }

        if (!IsJsonContentType(request.ContentType))
            return await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Unsupported Media Type: Content-Type '{request.ContentType}' is not accepted; send application/json").ConfigureAwait(false);

        long maxBytes = limits.Value.MaxRequestBodyBytes;
        var body = await ReadBodyAsync(request, maxBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"Payload Too Large: the request body exceeds the limit of {maxBytes} bytes").ConfigureAwait(false);
        if (ParseError(body) is { } parseError)
        {
            await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.ParseError, "Parse error: " + parseError).ConfigureAwait(false);
            return Results.Empty;
        }
        if (InitializeParamsError(body) is { } invalid)
        {
            await JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.InvalidParams, "Invalid params: " + invalid.Message, invalid.Id).ConfigureAwait(false);
            return Results.Empty;
        }

        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        context.User = McpCaller.ToPrincipal(user);
        using (logger.BeginScope(new Dictionary<string, object> { ["UserId"] = user.Id }))
            return await next(invocation).ConfigureAwait(false);
    }

    private static async ValueTask<object?> RefuseAsync(HttpContext context, int status, string message)
    {
        await JsonRpcErrorResponse.WriteAsync(context, status, JsonRpcErrorResponse.TransportRefused, message).ConfigureAwait(false);
        return Results.Empty;
    }

    private static bool IsJsonContentType(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Why an initialize request's params cannot be read, with the request's id; null for any other message. The SDK
    /// throws on such params before it can answer, which would otherwise surface as an HTTP 500.
    /// </summary>
    private static (string Message, RequestId Id)? InitializeParamsError(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var method)
            || method.ValueKind != JsonValueKind.String || method.GetString() != RequestMethods.Initialize)
            return null;
        RequestId id = root.TryGetProperty("id", out var idElement) ? idElement.ValueKind switch
        {
            JsonValueKind.String => new RequestId(idElement.GetString()!),
            JsonValueKind.Number when idElement.TryGetInt64(out long n) => new RequestId(n),
            _ => default,
        } : default;
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            return ("initialize needs params: an object with protocolVersion, capabilities and clientInfo {name, version}", id);
        try
        {
            var typed = parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(InitializeRequestParams))) as InitializeRequestParams;
            return typed is null || typed.ClientInfo is null || string.IsNullOrEmpty(typed.ProtocolVersion)
                ? ("initialize params need protocolVersion, capabilities and clientInfo {name, version}", id)
                : null;
        }
        catch (JsonException ex)
        {
            string path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "params" : "params" + ex.Path.TrimStart('$');
            return ($"{path} is not valid: {ex.Message.Split(". Path:")[0].Split(" Path:")[0]}", id);
        }
    }

    /// <summary>Why the body is not JSON, or null when it is (whether it is a valid JSON-RPC message is the SDK's call).</summary>
    private static string? ParseError(byte[] body)
    {
        if (body.Length == 0) return "the request body is empty; send one JSON-RPC message";
        try
        {
            using var document = JsonDocument.Parse(body);
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }
}
