using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>A host's own caller check (e.g. the REST API's, with its local-development mode) used for MCP too.</summary>
internal sealed class DelegateCallerAuthenticator(Func<HttpContext, Task<User?>> authenticate) : IMcpCallerAuthenticator
{
    public Task<User?> AuthenticateAsync(HttpContext context) => authenticate(context);
}
