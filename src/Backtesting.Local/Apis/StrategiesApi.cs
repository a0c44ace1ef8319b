using Backtesting.Application.Views;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/strategies onto the shared handlers.</summary>
public static class StrategiesApi
{
    public static RouteGroupBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(StrategyHandlers.Prefix).WithTags("Strategies");
        group.MapGet("/", (Delegate)ListStrategies).Produces<IReadOnlyList<StrategyView>>()
            .WithSummary("The built-in strategies and the caller's own (owner: builtin or user) with parameter schemas");
        group.MapPost("/", (Delegate)CreateStrategy).Accepts<object>("application/json").Produces<StrategyView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().WithSummary("Store a strategy definition (rules; DESIGN section 9) as the caller's own");
        group.MapGet("/{id}", (Delegate)GetStrategy).Produces<StrategyView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A built-in or one of the caller's strategies");
        group.MapPut("/{id}", (Delegate)UpdateStrategy).Accepts<object>("application/json").Produces<StrategyView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Replace the definition of one of the caller's strategies");
        group.MapDelete("/{id}", (Delegate)DeleteStrategy).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete one of the caller's strategies (runs that used it are kept)");
        group.MapPost("/validate", (Delegate)ValidateStrategy).Produces<ValidationView>()
            .WithSummary("Validate {strategy_id, parameters} or a strategy definition");
        return group;
    }

    private static Task<IResult> ListStrategies(HttpContext http) => StrategyHandlers.ListAsync(http);
    private static Task<IResult> CreateStrategy(HttpContext http) => StrategyHandlers.CreateAsync(http);
    private static Task<IResult> GetStrategy(HttpContext http, string id) => StrategyHandlers.GetAsync(http, id);
    private static Task<IResult> UpdateStrategy(HttpContext http, string id) => StrategyHandlers.UpdateAsync(http, id);
    private static Task<IResult> DeleteStrategy(HttpContext http, string id) => StrategyHandlers.DeleteAsync(http, id);
    private static Task<IResult> ValidateStrategy(HttpContext http) => StrategyHandlers.ValidateAsync(http);
}
