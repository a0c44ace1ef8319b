using System.Text.RegularExpressions;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.MarketData;

/// <summary>
/// The forms an imported asset's symbol and display name may take. Names reach dashboards and agents, so
/// they are plain words: no markup characters (&lt; &gt; " ` = ;) and no control characters.
/// </summary>
public static partial class AssetNames
{
    public const int MaxSymbolLength = 32;
    public const int MaxNameLength = 100;

    public const string SymbolRule = "must be 1-32 letters, digits or . - _ /";
    public const string NameRule = "must be 1-100 characters, starting with a letter or digit, of letters, digits, space and . , ' & ( ) - _ / : +";

    /// <summary>Symbols such as GOOG, BTC-USD, EUR/USD or BRK.B.</summary>
    public static bool IsValidSymbol(string? symbol) =>
        !string.IsNullOrEmpty(symbol) && symbol.Length <= MaxSymbolLength && symbol.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '/');

    /// <summary>Names such as "Alphabet Inc. (Class A)", "AT&amp;T", "S&amp;P 500" or "Moët Hennessy".</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Adds an error (fields <c>symbol</c>, <c>name</c>) for each of <paramref name="symbol"/> and <paramref name="name"/> (null: not given) that breaks its rule.</summary>
    public static void Validate(string symbol, string? name, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsValidSymbol(symbol))
            errors.Add(new ValidationError("symbol", $"'{symbol}'", SymbolRule));
        if (name is not null && !IsValidName(name))
            errors.Add(new ValidationError("name", $"'{name}'", NameRule));
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .,'&()\-_/:+]{0,99}$")]
    private static partial Regex NamePattern();
}
