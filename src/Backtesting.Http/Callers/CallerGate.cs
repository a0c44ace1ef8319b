using Backtesting.Application.Limits;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Http.Callers;

/// <summary>
/// Authentication and rate limiting written once for a host's REST and MCP endpoints: ASP.NET Core authentication with
/// the API key scheme (<see cref="ApiKeyAuthenticationHandler"/>), an authorization policy requiring a caller, and a
/// <c>Microsoft.AspNetCore.RateLimiting</c> policy per user, or per client address for requests that authenticate no
/// one. An endpoint opts in with <see cref="RequireCaller{TBuilder}"/>; the request's caller is then
/// <see cref="CallerAdmission.AdmittedUser"/> and the endpoint checks nothing again.
/// </summary>
public static class CallerGate
{
    public const string PolicyName = "caller";

    public static IServiceCollection AddCallerGate(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, Partition);
            options.OnRejected = (context, _) =>
            {
                var refusal = context.Lease.TryGetMetadata(CallerWindowLimiter.RefusalMetadata, out var metadata) && metadata is LimitExceededException e
                    ? e
                    : new LimitExceededException("rate", "rate limit exceeded");
                return new ValueTask(CallerRefusals.For(context.HttpContext).WriteTooManyAsync(context.HttpContext, refusal));
            };
        });
        return services;
    }

    /// <summary>Authentication, then the rate limiter (so unauthenticated requests are counted per address), then authorization (401).</summary>
    public static IApplicationBuilder UseCallerGate(this IApplicationBuilder app)
    {
        // a key lookup (or anything after it) cancelled because the client went away abandons the exchange: ending it
        // as a response (the exception handler's 499) would hand a client that is still reading, such as an MCP SDK
        // client whose server/discover probe timed out, an answer in place of the cancellation it falls back on
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                context.Abort();
            }
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The endpoints need a caller and count against the caller's rate limit.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName).RequireRateLimiting(PolicyName);

    private static System.Threading.RateLimiting.RateLimitPartition<string> Partition(HttpContext http)
    {
        var limiter = http.RequestServices.GetRequiredService<UserRateLimiter>();
        if (http.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
            && ApiKeyAuthentication.CachedUser(http) is { } user)
        {
            // admitted unless the limiter refuses it, in which case the endpoint never runs
            CallerAdmission.Admit(http, user);
            return System.Threading.RateLimiting.RateLimitPartition.Get("user:" + user.Id, _ => new CallerWindowLimiter(() => limiter.Acquire(user.Id)));
        }
        var address = http.Connection.RemoteIpAddress;
        return System.Threading.RateLimiting.RateLimitPartition.Get("address:" + address, _ => new CallerWindowLimiter(() => limiter.AcquireUnauthenticated(address)));
    }
}
