using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>The default caller check: the REST API's keys, sent as "Authorization: Bearer KEY" or "X-Api-Key: KEY".</summary>
internal sealed class ApiKeyCallerAuthenticator(ApiKeyService keys) : IMcpCallerAuthenticator
{
    public async Task<User?> AuthenticateAsync(HttpContext context)
    {
        var check = await keys.CheckAsync(ReadKey(context.Request), context.RequestAborted).ConfigureAwait(false);
        if (check.Refusal is not null) context.Items[ApiKeyCheck.RefusalItem] = check.Refusal;
        return check.User;
    }

    public static string? ReadKey(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        string? apiKey = request.Headers["X-Api-Key"];
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }
}
