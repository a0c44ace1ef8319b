using Backtesting.Http.Callers;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// Authentication and rate limiting are written once: every API route and /mcp carry the one caller policy of ASP.NET
/// Core authorization and rate limiting, so no endpoint authenticates or counts on its own (AuthAndLimitsTests and the
/// MCP transport tests check what callers see).
/// </summary>
public sealed class CallerGateTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    // anonymous by design: liveness, and the WebSocket ticket route, which keeps its own ticket/key checks
    private static readonly string[] Open = ["/api/health", "/api/ws-ticket", "/api/reference", "/openapi"];

    [Fact]
    public void ApiRoutesAndMcp_RequireTheCallerPolicyForAuthenticationAndRateLimiting()
    {
        _ = fixture.Factory.Server;
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api/", StringComparison.Ordinal) || IsMcp(e))
                        && !Open.Any(open => route.StartsWith(open, StringComparison.Ordinal)))
            .ToArray();

        // /mcp: the SDK's POST endpoint and the one answering 405 to every other method
        Assert.Equal(2, endpoints.Count(IsMcp));
        Assert.True(endpoints.Length > 30, $"only {endpoints.Length} API endpoints found");
        Assert.All(endpoints, e =>
        {
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == CallerGate.PolicyName);
            Assert.Equal(CallerGate.PolicyName, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        });
        // refusals on /mcp are JSON-RPC errors, elsewhere problem details
        Assert.All(endpoints.Where(IsMcp), e => Assert.Same(CallerRefusals.JsonRpc, e.Metadata.GetMetadata<CallerRefusals>()));
        Assert.All(endpoints.Where(e => !IsMcp(e)), e => Assert.Null(e.Metadata.GetMetadata<CallerRefusals>()));
    }

    // the MCP endpoints are a route group at /mcp, so their patterns read "/mcp/"
    private static bool IsMcp(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText?.TrimEnd('/') == "/mcp";
}
