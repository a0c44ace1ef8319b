using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Backtesting.Http.Handlers;

/// <summary>
/// A Server-Sent Events answer (a run's or a session's stream), described in the OpenAPI document as a 200
/// text/event-stream whose events' data are the platform's {type, data} JSON messages, one of <typeparamref name="TEvents"/>.
/// </summary>
public sealed class EventStreamResult<TEvents>(IResult stream) : IResult, IEndpointMetadataProvider
    where TEvents : IServerSentEventCatalog
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));
        builder.Metadata.Add(new ServerSentEventsMetadata(TEvents.Events));
    }

    public Task ExecuteAsync(HttpContext httpContext) => stream.ExecuteAsync(httpContext);
}
