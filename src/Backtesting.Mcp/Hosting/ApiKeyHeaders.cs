using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// Where a request carries its API key, for REST, /mcp and /ws alike: "Authorization: Bearer KEY" (scheme name in any
/// case), else "X-Api-Key: KEY"; surrounding whitespace is not part of the key. Keys in the query string are never read.
/// </summary>
public static class ApiKeyHeaders
{
    public const string ApiKeyHeader = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>What a caller without a key is told to send.</summary>
    public const string KeyRequiredMessage = "an API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'";

    /// <summary>The key the request presents, or null when it presents none (a bearer token wins over X-Api-Key).</summary>
    public static string? ReadKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return header[BearerPrefix.Length..].Trim();
        string? apiKey = request.Headers[ApiKeyHeader];
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    /// <summary>Why the request's key (or ticket) was refused, as the key check recorded it: not valid unless told otherwise (e.g. expired).</summary>
    public static string RefusalOf(HttpContext http) =>
        http is not null && http.Items.TryGetValue(ApiKeyCheck.RefusalItem, out var refusal) && refusal is string text ? text : ApiKeyCheck.NotValidMessage;
}
