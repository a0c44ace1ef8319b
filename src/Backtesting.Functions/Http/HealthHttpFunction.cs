using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>GET /api/health over <see cref="HealthHandlers"/>: answers while the database is unreachable, saying so.</summary>
public sealed class HealthHttpFunction
{
    [Function("Health")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        HttpFunction.RunAsync(request, HealthHandlers.GetAsync);
}
