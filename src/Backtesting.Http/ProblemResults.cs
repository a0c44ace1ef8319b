using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Users;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Http;

/// <summary>RFC 7807 problem details for every failure a caller can cause; each names the field, value and what is allowed.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://httpstatuses.io/{status}", extensions: extensions);

    /// <summary>
    /// 400 listing each problem once: field and message in the detail, the rejected value only in
    /// <c>errors[].value</c>; capped by <see cref="ErrorEchoLimits"/> so the answer stays small whatever was sent.
    /// </summary>
    public static ProblemHttpResult Validation(IReadOnlyList<ValidationError> errors)
    {
        var (listed, omitted) = ErrorEchoLimits.Cap(errors);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = listed.Select(e => new Dictionary<string, object?> { ["field"] = e.Field, ["value"] = e.Value, ["message"] = e.Message }).ToArray(),
        };
        if (omitted > 0) extensions["errors_omitted"] = omitted;
        return Problem(StatusCodes.Status400BadRequest, "Invalid request",
            string.Join("; ", listed.Select(e => $"{e.Field}: {e.Message}")) + ErrorEchoLimits.MoreSuffix(omitted), extensions);
    }

    public static ProblemHttpResult Validation(string field, string? value, string message) => Validation([new ValidationError(field, value, message)]);

    /// <summary>Maps an exception a caller caused to its problem; null for anything else (a real server error).</summary>
    public static ProblemHttpResult? FromException(Exception ex, HttpContext http) => ex switch
    {
        ValidationException v => Validation(v.Errors),
        BarDataException b => Validation("body", b.Row > 0 ? $"row {b.Row}" : null, b.Reason),
        JsonException j => Validation(string.IsNullOrEmpty(j.Path) ? "body" : j.Path.TrimStart('$', '.'), null, "is not valid JSON for this field: " + FirstSentence(j.Message)),
        LimitExceededException l => TooMany(l, http),
        ForbiddenException f => Problem(StatusCodes.Status403Forbidden, "Forbidden", f.Message),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", bad.Message),
        _ => null,
    };

    private static ProblemHttpResult TooMany(LimitExceededException l, HttpContext http)
    {
        if (l.RetryAfter is { } retry)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", l.Message, new Dictionary<string, object?> { ["limit"] = l.Limit });
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
