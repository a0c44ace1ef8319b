using System.Security.Claims;
using System.Text.Encodings.Web;
using Backtesting.Application.Limits;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Callers;

/// <summary>
/// The API key scheme of ASP.NET Core authentication, for REST and /mcp alike: <see cref="ApiKeyAuthentication"/>
/// decides who the caller is (hashed keys, revocation, the local-development loopback rule). An address over its
/// unauthenticated-request limit is not looked at (its key is not even checked, so keys cannot be guessed faster than
/// the limit); the rate limiter then refuses it. The 401 takes the endpoint's form (<see cref="CallerRefusals"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyAuthentication authentication, UserRateLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        try
        {
            limiter.ThrowIfAddressThrottled(Context.Connection.RemoteIpAddress);
        }
        catch (LimitExceededException)
        {
            return AuthenticateResult.NoResult();
        }
        var user = await authentication.AuthenticateAsync(Context);
        if (user is null)
            return ApiKeyHeaders.ReadKey(Request) is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("the API key is not valid");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        CallerRefusals.For(Context).WriteUnauthorizedAsync(Context, ApiKeyHeaders.ReadKey(Request) is not null);
}
