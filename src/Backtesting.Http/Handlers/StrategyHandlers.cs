using System.Text.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Strategies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/strategies: the catalog and config validation.</summary>
public static class StrategyHandlers
{
    public static Task<IResult> ListAsync(HttpContext http) => HttpEndpoint.RunAsync(http, _ =>
        Task.FromResult(ApiResults.Ok(http.RequestServices.GetRequiredService<StrategyService>().List())));

    public static Task<IResult> GetAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, _ =>
        Task.FromResult(http.RequestServices.GetRequiredService<StrategyService>().Get(id) is { } s ? ApiResults.Ok(s) : ApiResults.NotFound("strategy", id)));

    /// <summary>Always 200 with {valid, errors, resolved_parameters}: an invalid config is an answer, not a failed request.</summary>
    public static Task<IResult> ValidateAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async _ =>
    {
        long max = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        var (config, problem) = await RequestBody.ReadJsonAsync<JsonElement>(http.Request, max, http.RequestAborted);
        if (problem is not null) return problem;
        return ApiResults.Ok(http.RequestServices.GetRequiredService<StrategyService>().Validate(config));
    });
}
