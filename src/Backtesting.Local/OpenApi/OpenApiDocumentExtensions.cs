namespace Backtesting.Local.OpenApi;

/// <summary>
/// The OpenAPI document (/openapi/v1.json): inferred from the handlers' typed results and request records with the
/// host's JSON options, which are the wire format (snake_case), plus <see cref="WireNumberSchemaTransformer"/>, <see cref="ProblemSchemaTransformer"/>, <see cref="ExtensionDataSchemaTransformer"/>, <see cref="MetricValuesSchemaTransformer"/> and <see cref="ServerSentEventsOperationTransformer"/>.
/// </summary>
public static class OpenApiDocumentExtensions
{
    public static IServiceCollection AddBacktestingOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddSchemaTransformer<WireNumberSchemaTransformer>().AddSchemaTransformer<ProblemSchemaTransformer>()
            .AddSchemaTransformer<ExtensionDataSchemaTransformer>().AddSchemaTransformer<MetricValuesSchemaTransformer>()
            .AddOperationTransformer<ServerSentEventsOperationTransformer>());
}
