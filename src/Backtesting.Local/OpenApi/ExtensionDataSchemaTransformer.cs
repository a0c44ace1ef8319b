using Backtesting.Application.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backtesting.Local.OpenApi;

/// <summary>
/// Describes the properties a type writes from its extension data (e.g. a Monte Carlo distribution's p5, p50, ...): the
/// inferred schema lists only the named properties, so the values' schema (<see cref="ExtensionValuesAttribute"/>)
/// becomes the object's additionalProperties.
/// </summary>
public sealed class ExtensionDataSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var extension = context.JsonTypeInfo.Properties.FirstOrDefault(p => p.IsExtensionData);
        if (extension?.AttributeProvider?.GetCustomAttributes(typeof(ExtensionValuesAttribute), inherit: false).FirstOrDefault() is not ExtensionValuesAttribute values)
            return;
        schema.AdditionalProperties = await context.GetOrCreateSchemaAsync(values.ValueType, null, cancellationToken);
    }
}
