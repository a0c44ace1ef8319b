using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>/api/assets over <see cref="AssetHandlers"/>.</summary>
public sealed class AssetHttpFunctions
{
    [Function("Assets_List")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assets")] HttpRequest request) =>
        HttpFunction.RunAsync(request, AssetHandlers.ListAsync);

    [Function("Assets_Bars")]
    public Task<IActionResult> BarsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/assets/{symbol}/bars")] HttpRequest request, string symbol) =>
        HttpFunction.RunAsync(request, http => AssetHandlers.BarsAsync(http, symbol));

    [Function("Assets_Import")]
    public Task<IActionResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/assets/{symbol}/bars")] HttpRequest request, string symbol) =>
        HttpFunction.RunAsync(request, http => AssetHandlers.ImportAsync(http, symbol));
}
