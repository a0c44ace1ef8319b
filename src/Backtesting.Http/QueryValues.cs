using System.Globalization;
using Backtesting.Engine.Validation;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http;

/// <summary>Typed query-string values; a malformed one is a validation error naming the parameter.</summary>
public static class QueryValues
{
    public static int Int(HttpRequest request, string name, int defaultValue)
    {
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text)) return defaultValue;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ValidationException([new ValidationError(name, $"'{text}'", "must be an integer")]);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; outside it a validation error naming the parameter and the range.</summary>
    public static int Int(HttpRequest request, string name, int defaultValue, int min, int max)
    {
        int value = Int(request, name, defaultValue);
        return value >= min && value <= max
            ? value
            : throw new ValidationException([new ValidationError(name, value.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}")]);
    }

    public static string? String(HttpRequest request, string name) => request.Query[name] is { Count: > 0 } v ? v.ToString() : null;

    public static IReadOnlyList<string> List(HttpRequest request, string name) =>
        request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
