using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>/api/strategies over <see cref="StrategyHandlers"/>.</summary>
public sealed class StrategyHttpFunctions
{
    [Function("Strategies_List")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/strategies")] HttpRequest request) =>
        HttpFunction.RunAsync(request, StrategyHandlers.ListAsync);

    [Function("Strategies_Create")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/strategies")] HttpRequest request) =>
        HttpFunction.RunAsync(request, StrategyHandlers.CreateAsync);

    [Function("Strategies_Get")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/strategies/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => StrategyHandlers.GetAsync(http, id));

    [Function("Strategies_Update")]
    public Task<IActionResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/strategies/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => StrategyHandlers.UpdateAsync(http, id));

    [Function("Strategies_Delete")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/strategies/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => StrategyHandlers.DeleteAsync(http, id));

    [Function("Strategies_Validate")]
    public Task<IActionResult> ValidateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/strategies/validate")] HttpRequest request) =>
        HttpFunction.RunAsync(request, StrategyHandlers.ValidateAsync);
}
