using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Engine.Validation;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http;

/// <summary>Reads JSON bodies the same way in every host: content type, size limit, then parse with field-level errors.</summary>
public static class RequestBody
{
    /// <summary>Parses the body as <typeparamref name="T"/>; throws <see cref="ValidationException"/> (400), or returns a 413/415 problem.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
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
        buffer.Position = 0;
        try
        {
            return (JsonSerializer.Deserialize<T>(buffer, WorkflowJson.Options), null);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            string message = ex.Message.Split(". Path:")[0].Split(" Path:")[0];
            throw new ValidationException([new ValidationError(field, null, "is not valid: " + message)]);
        }
    }

    private static IResult TooLarge(long maxBytes) =>
        ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the request body exceeds the limit of {maxBytes} bytes");
}
