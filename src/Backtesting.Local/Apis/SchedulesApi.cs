using Backtesting.Application.Schedules;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/schedules (scheduled batch optimizations) onto the shared handlers, whose typed results give the response schemas.</summary>
public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ScheduleHandlers.Prefix).WithTags("Schedules").WithCallerProblems();
        group.MapPost("/", (Delegate)CreateSchedule).Accepts<ScheduleRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Schedule a batch optimization (cron in UTC; one optimization per asset at every slot)");
        group.MapGet("/", (Delegate)ListSchedules).WithSummary("The caller's schedules, oldest first, with their next slot");
        group.MapGet("/{id}", (HttpContext http, string id) => ScheduleHandlers.GetAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A schedule, its last slot's runs and its next slot");
        group.MapDelete("/{id}", (HttpContext http, string id) => ScheduleHandlers.DeleteAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a schedule (runs it already started are kept)");
        return group;
    }

    private static Task<Results<Created<ScheduleView>, ProblemHttpResult>> CreateSchedule(HttpContext http) => ScheduleHandlers.CreateAsync(http);
    private static Task<Results<Ok<IReadOnlyList<ScheduleView>>, ProblemHttpResult>> ListSchedules(HttpContext http) => ScheduleHandlers.ListAsync(http);
}
