using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backtesting.Local.OpenApi;

/// <summary>
/// Numbers are numbers on the wire: the serializer's number handling (it reads and writes NaN and the infinities as
/// named literals) would describe a floating-point field as an object that is a number or one of those names, and
/// any numeric field read from a string as "number or string matching a pattern"; the document keeps the number.
/// </summary>
public sealed class WireNumberSchemaTransformer : IOpenApiSchemaTransformer
{
    private const JsonSchemaType Numeric = JsonSchemaType.Number | JsonSchemaType.Integer;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & Numeric) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.AnyOf is { Count: 2 } alternatives && alternatives.SingleOrDefault(a => a.Type is { } t && (t & Numeric) != 0) is { } number
            && alternatives.Any(a => a.Enum is { Count: > 0 } names && names.All(n => n?.ToString().Trim('"') is "NaN" or "Infinity" or "-Infinity")))
        {
            // that description also loses a double?'s null, so it comes back from the CLR type
            bool nullable = Nullable.GetUnderlyingType(context.JsonPropertyInfo?.PropertyType ?? context.JsonTypeInfo.Type) is not null;
            schema.Type = number.Type!.Value | (nullable ? JsonSchemaType.Null : 0);
            schema.AnyOf = null;
        }
        return Task.CompletedTask;
    }
}
