using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp;

/// <summary>Resolves the caller of an MCP request before any MCP processing; null answers 401.</summary>
public interface IMcpCallerAuthenticator
{
    Task<User?> AuthenticateAsync(HttpContext context);
}
