using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Backtesting.Application.Json;
using Backtesting.Engine.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Http;

/// <summary>Reads JSON bodies the same way in every host: content type, size limit, then parse with field-level errors.</summary>
public static class RequestBody
{
    /// <summary>Parses the body as <typeparamref name="T"/>; throws <see cref="ValidationException"/> (400), or returns a 413/415 problem.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            return (default, ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content-Type '{request.ContentType}' is not accepted; send application/json"));
        if (request.ContentLength > maxBytes)
            return (default, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (default, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw new ValidationException([new ValidationError("body", null, "is empty; send a JSON object")]);
        return (Parse<T>(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), null);
    }

    /// <summary>
    /// Parses a JSON body as <typeparamref name="T"/>: malformed JSON names its line and position, unknown top-level
    /// fields are errors naming the nearest known field (a misspelt field must not run with its default), and a
    /// value of the wrong type names its field. Throws <see cref="ValidationException"/>.
    /// </summary>
    public static T? Parse<T>(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = WorkflowJson.Options.MaxDepth });
        }
        catch (JsonException ex)
        {
            // LineNumber and BytePositionInLine count from 0; people count from 1
            throw new ValidationException([new ValidationError("body", null,
                $"the request body is not valid JSON: line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")]);
        }
        using (document)
        {
            var typeInfo = WorkflowJson.Options.GetTypeInfo(typeof(T));
            if (typeInfo.Kind == JsonTypeInfoKind.Object && document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var known = typeInfo.Properties.Select(p => p.Name).ToArray();
                var unknown = UnknownFields.Check(document.RootElement.EnumerateObject().Select(p => p.Name).Distinct(), known);
                if (unknown.Count > 0) throw new ValidationException(unknown);
            }
            try
            {
                return document.RootElement.Deserialize<T>(WorkflowJson.Options);
            }
            catch (JsonException ex)
            {
                string field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
                string message = ex.Message.Split(". Path:")[0].Split(" Path:")[0];
                throw new ValidationException([new ValidationError(field, null, "is not valid: " + message)]);
            }
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the request body exceeds the limit of {maxBytes} bytes");
}
