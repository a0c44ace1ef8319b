using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// Marks a request whose caller the host's pipeline has already authenticated and counted against the rate limit
/// (the local host's ASP.NET Core authentication and rate limiter), so endpoints do neither again. A host without
/// that pipeline (the Functions app) leaves it unset and the endpoints run the same checks themselves.
/// </summary>
public static class CallerAdmission
{
    private const string Item = "backtesting.admitted-caller";

    public static void Admit(HttpContext http, User user)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Item] = user;
    }

    /// <summary>The admitted caller, or null when the host's pipeline did not admit this request.</summary>
    public static User? AdmittedUser(HttpContext http) =>
        http?.Items.TryGetValue(Item, out var value) == true ? value as User : null;
}
