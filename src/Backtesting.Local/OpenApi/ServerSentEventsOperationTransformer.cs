using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backtesting.Local.OpenApi;

/// <summary>
/// Describes the events of a Server-Sent Events route (<see cref="ServerSentEventsMetadata"/>): the 200 text/event-stream
/// schema becomes one of the messages it sends, each {"type": its event name, "data": the schema of its message type},
/// so a client knows every event's fields. Each message type is a component named after it.
/// </summary>
public sealed class ServerSentEventsOperationTransformer : IOpenApiOperationTransformer
{
    private const string MediaType = "text/event-stream";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var events = context.Description.ActionDescriptor.EndpointMetadata.OfType<ServerSentEventsMetadata>().FirstOrDefault();
        if (events is null || operation.Responses is null || !operation.Responses.TryGetValue("200", out var ok)
            || ok.Content is null || !ok.Content.TryGetValue(MediaType, out var stream))
            return;
        var messages = new List<IOpenApiSchema>();
        foreach (var type in events.Events)
        {
            var data = await context.GetOrCreateSchemaAsync(type.DataType, null, cancellationToken);
            context.Document!.AddComponent(type.DataType.Name, data);
            messages.Add(new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"event: {type.Name}",
                Required = new HashSet<string> { "type", "data" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(type.Name)] },
                    ["data"] = new OpenApiSchemaReference(type.DataType.Name, context.Document),
                },
            });
        }
        stream.Schema = new OpenApiSchema
        {
            Description = "Each event's data line is one of these messages; its event line is the message's type.",
            OneOf = messages,
        };
    }
}
