using Backtesting.Application.Views;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/strategies.</summary>
public static class StrategiesApi
{
    public static RouteGroupBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/strategies").WithTags("Strategies");
        group.MapGet("/", (Delegate)ListStrategies).Produces<IReadOnlyList<StrategyView>>().WithSummary("The strategy catalog with parameter schemas");
        group.MapGet("/{id}", (Delegate)GetStrategy).Produces<StrategyView>().WithSummary("One strategy");
        group.MapPost("/validate", (Delegate)ValidateStrategy).Produces<ValidationView>().WithSummary("Validate {strategy_id, parameters}");
        return group;
    }

    private static Task<IResult> ListStrategies(HttpContext http) => StrategyHandlers.ListAsync(http);
    private static Task<IResult> GetStrategy(HttpContext http, string id) => StrategyHandlers.GetAsync(http, id);
    private static Task<IResult> ValidateStrategy(HttpContext http) => StrategyHandlers.ValidateAsync(http);
}
