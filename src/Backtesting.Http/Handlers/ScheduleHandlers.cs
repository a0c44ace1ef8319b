using Backtesting.Application.Limits;
using Backtesting.Application.Schedules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/schedules: create, list, read and delete a user's scheduled optimizations, in the shared handlers' frame (auth, rate limit, problems).</summary>
public static class ScheduleHandlers
{
    public const string Prefix = "/api/schedules";

    public static Task<IResult> CreateAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async user =>
    {
        long maxBody = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        var (request, problem) = await RequestBody.ReadJsonAsync<ScheduleRequest>(http.Request, maxBody, http.RequestAborted);
        if (problem is not null) return problem;
        var schedule = await Service(http).CreateAsync(user.Id, request, http.RequestAborted);
        return ApiResults.Created($"{Prefix}/{schedule.ScheduleId}", schedule);
    });

    public static Task<IResult> ListAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async user =>
        ApiResults.Ok(await Service(http).ListAsync(user.Id, http.RequestAborted)));

    public static Task<IResult> GetAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetAsync(user.Id, id, http.RequestAborted) is { } schedule ? ApiResults.Ok(schedule) : ApiResults.NotFound("schedule", id));

    public static Task<IResult> DeleteAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).DeleteAsync(user.Id, id, http.RequestAborted) ? Results.NoContent() : ApiResults.NotFound("schedule", id));

    private static ScheduleService Service(HttpContext http) => http.RequestServices.GetRequiredService<ScheduleService>();
}
