using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>/api/schedules: scheduled batch optimizations run by <see cref="Schedules.ScheduledOptimizationsTimer"/>.</summary>
public sealed class ScheduleHttpFunctions
{
    [Function("Schedules_Create")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/schedules")] HttpRequest request) =>
        HttpFunction.RunAsync(request, ScheduleHandlers.CreateAsync);

    [Function("Schedules_List")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/schedules")] HttpRequest request) =>
        HttpFunction.RunAsync(request, ScheduleHandlers.ListAsync);

    [Function("Schedules_Get")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/schedules/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ScheduleHandlers.GetAsync(http, id));

    [Function("Schedules_Delete")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/schedules/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ScheduleHandlers.DeleteAsync(http, id));
}
