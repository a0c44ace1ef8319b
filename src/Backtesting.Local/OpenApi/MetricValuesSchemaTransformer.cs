using System.Runtime.CompilerServices;
using Backtesting.Application.Views;
using Backtesting.Engine.Metrics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backtesting.Local.OpenApi;

/// <summary>
/// Lists a run's metric names (<see cref="MetricValues"/>, a name-to-number map) as the schema's properties: every name
/// <see cref="MetricValues.Of"/> writes, a number, null where Of can write null. The map stays open
/// (additionalProperties) for names stored by older versions, and no name is required (older runs lack the later ones).
/// </summary>
public sealed class MetricValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>
    /// Read from <see cref="MetricValues.Of"/> itself rather than listed again: over metrics whose every floating-point
    /// figure is NaN, Of writes null exactly where a metric can be null (it writes a non-finite metric as null; counts and
    /// the run's own figures never are).
    /// </summary>
    private static readonly (string Name, bool Nullable)[] Names = ReadNames();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(MetricValues)) return Task.CompletedTask;
        schema.Properties = Names.ToDictionary(
            n => n.Name,
            n => (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.Number | (n.Nullable ? JsonSchemaType.Null : 0), Format = "double" });
        schema.AdditionalProperties ??= new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double" };
        return Task.CompletedTask;
    }

    private static (string Name, bool Nullable)[] ReadNames()
    {
        var probe = (PerformanceMetrics)RuntimeHelpers.GetUninitializedObject(typeof(PerformanceMetrics));
        foreach (var property in typeof(PerformanceMetrics).GetProperties())
            if (property.PropertyType == typeof(double) || property.PropertyType == typeof(double?))
                property.SetValue(probe, double.NaN);
        return MetricValues.Of(probe).Select(m => (m.Key, m.Value is null)).ToArray();
    }
}
