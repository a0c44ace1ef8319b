using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backtesting.Local.OpenApi;

/// <summary>
/// Describes the problems the service really sends (Backtesting.Http's ProblemResults): a 400 lists every problem in
/// <c>errors</c> as {field, value, message} (not ASP.NET Core's field-to-messages map), and a problem may carry the
/// extension members of RFC 9457 (errors_omitted, limit on 429, current_version on 409, and ASP.NET Core's trace id,
/// spelt trace_id by the host's snake_case JSON options).
/// </summary>
public sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type != typeof(ProblemDetails) && type != typeof(HttpValidationProblemDetails)) return Task.CompletedTask;
        schema.Description = "RFC 9457 problem details. A 400 lists every problem in errors; other extension members: errors_omitted "
            + "(problems not listed), limit (429), current_version (409), trace_id.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "Every problem of a 400, each naming its field; the rejected value only here.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field, e.g. parameters.fast_period or body." },
                    ["value"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The rejected value, clipped; null when not echoed." },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong and what is allowed." },
                },
                Required = new HashSet<string> { "field", "message" },
            },
        };
        schema.Properties["errors_omitted"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Problems beyond those listed." };
        schema.Properties["limit"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "429: the limit that was reached." };
        schema.Properties["current_version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "409: the session's current version." };
        schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the server's logs." };
        schema.Required = new HashSet<string> { "type", "title", "status", "detail" };
        return Task.CompletedTask;
    }
}
