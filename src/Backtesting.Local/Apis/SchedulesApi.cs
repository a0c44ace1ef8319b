using Backtesting.Application.Schedules;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/schedules (scheduled batch optimizations) onto the shared handlers.</summary>
public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ScheduleHandlers.Prefix).WithTags("Schedules");
        group.MapPost("/", (Delegate)CreateSchedule).Accepts<ScheduleRequest>("application/json").Produces<ScheduleView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Schedule a batch optimization (cron in UTC; one optimization per asset at every slot)");
        group.MapGet("/", (Delegate)ListSchedules).Produces<IReadOnlyList<ScheduleView>>().WithSummary("The caller's schedules, oldest first, with their next slot");
        group.MapGet("/{id}", (Delegate)GetSchedule).Produces<ScheduleView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A schedule, its last slot's runs and its next slot");
        group.MapDelete("/{id}", (Delegate)DeleteSchedule).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a schedule (runs it already started are kept)");
        return group;
    }

    private static Task<IResult> CreateSchedule(HttpContext http) => ScheduleHandlers.CreateAsync(http);
    private static Task<IResult> ListSchedules(HttpContext http) => ScheduleHandlers.ListAsync(http);
    private static Task<IResult> GetSchedule(HttpContext http, string id) => ScheduleHandlers.GetAsync(http, id);
    private static Task<IResult> DeleteSchedule(HttpContext http, string id) => ScheduleHandlers.DeleteAsync(http, id);
}
