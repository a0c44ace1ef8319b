using Backtesting.Application.Limits;
using Backtesting.Application.Schedules;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/schedules: create, list, read and delete a user's scheduled optimizations, in the shared handlers' frame (auth, rate limit, problems).</summary>
public static class ScheduleHandlers
{
    public const string Prefix = "/api/schedules";

    public static Task<Results<Created<ScheduleView>, ProblemHttpResult>> CreateAsync(HttpContext http) => TypedEndpoint.RunAsync<Created<ScheduleView>>(http, async user =>
    {
        long maxBody = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        var (request, problem) = await RequestBody.ReadJsonAsync<ScheduleRequest>(http.Request, maxBody, http.RequestAborted);
        if (problem is not null) return problem;
        var schedule = await Service(http).CreateAsync(user.Id, request, http.RequestAborted);
        return TypedResults.Created($"{Prefix}/{schedule.ScheduleId}", schedule);
    });

    public static Task<Results<Ok<IReadOnlyList<ScheduleView>>, ProblemHttpResult>> ListAsync(HttpContext http) => TypedEndpoint.RunAsync<Ok<IReadOnlyList<ScheduleView>>>(http, async user =>
        TypedResults.Ok(await Service(http).ListAsync(user.Id, http.RequestAborted)));

    public static Task<Results<Ok<ScheduleView>, ProblemHttpResult>> GetAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<ScheduleView>>(http, async user =>
        await Service(http).GetAsync(user.Id, id, http.RequestAborted) is { } schedule ? TypedResults.Ok(schedule) : ApiResults.NotFound("schedule", id));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<NoContent>(http, async user =>
        await Service(http).DeleteAsync(user.Id, id, http.RequestAborted) ? TypedResults.NoContent() : ApiResults.NotFound("schedule", id));

    private static ScheduleService Service(HttpContext http) => http.RequestServices.GetRequiredService<ScheduleService>();
}
