using System.Text.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Strategies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Backtesting.Application.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>
/// /api/strategies: the built-ins and the caller's own strategies (create, read, replace, delete; another
/// user's strategy is 404), and validation of configs and definitions.
/// </summary>
public static class StrategyHandlers
{
    public const string Prefix = "/api/strategies";

    public static Task<Results<Ok<IReadOnlyList<StrategyView>>, ProblemHttpResult>> ListAsync(HttpContext http) => TypedEndpoint.RunAsync<Ok<IReadOnlyList<StrategyView>>>(http, async user =>
        TypedResults.Ok(await Service(http).ListAsync(user.Id, http.RequestAborted)));

    public static Task<Results<Ok<StrategyView>, ProblemHttpResult>> GetAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<StrategyView>>(http, async user =>
        await Service(http).GetAsync(user.Id, id, http.RequestAborted) is { } s ? TypedResults.Ok(s) : ApiResults.NotFound("strategy", id));

    /// <summary>201 with Location; a bad definition is 400 naming every field and position, and nothing is stored.</summary>
    public static Task<Results<Created<StrategyView>, ProblemHttpResult>> CreateAsync(HttpContext http) => TypedEndpoint.RunAsync<Created<StrategyView>>(http, async user =>
    {
        var (definition, problem) = await ReadAsync(http);
        if (problem is not null) return problem;
        var created = await Service(http).CreateAsync(user.Id, definition, http.RequestAborted);
        return TypedResults.Created($"{Prefix}/{created.Id}", created);
    });

    /// <summary>Replaces the caller's own strategy (404 for a built-in or another user's id).</summary>
    public static Task<Results<Ok<StrategyView>, ProblemHttpResult>> UpdateAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<StrategyView>>(http, async user =>
    {
        var (definition, problem) = await ReadAsync(http);
        if (problem is not null) return problem;
        return await Service(http).UpdateAsync(user.Id, id, definition, http.RequestAborted) is { } updated
            ? TypedResults.Ok(updated) : ApiResults.NotFound("strategy", id);
    });

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<NoContent>(http, async user =>
        await Service(http).DeleteAsync(user.Id, id, http.RequestAborted) ? TypedResults.NoContent() : ApiResults.NotFound("strategy", id));

    /// <summary>Always 200 with {valid, errors, resolved_parameters}: an invalid config or definition is an answer, not a failed request.</summary>
    public static Task<Results<Ok<ValidationView>, ProblemHttpResult>> ValidateAsync(HttpContext http) => TypedEndpoint.RunAsync<Ok<ValidationView>>(http, async user =>
    {
        var (body, problem) = await ReadAsync(http);
        if (problem is not null) return problem;
        return TypedResults.Ok(await Service(http).ValidateAsync(user.Id, body, http.RequestAborted));
    });

    private static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext http)
    {
        long max = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        return await RequestBody.ReadJsonAsync<JsonElement>(http.Request, max, http.RequestAborted);
    }

    private static StrategyService Service(HttpContext http) => http.RequestServices.GetRequiredService<StrategyService>();
}
