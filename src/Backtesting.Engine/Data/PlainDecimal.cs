namespace Backtesting.Engine.Data;

/// <summary>
/// Parses the plain decimals bar files are made of ("123.456789", "2773") exactly: with at most 15 significant
/// digits the digits form an integer m &lt; 2^53 and the scale 10^k (k &lt;= 22) is exact, so the one IEEE division
/// m / 10^k is the correctly rounded value, bit for bit what a general parser returns (Clinger's fast path).
/// Anything else (signs, exponents, more digits) is left to the general parser.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 15;

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>True with the value and its count of digits after the point when <paramref name="text"/> is digits[.digits].</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value, out int fractionDigits)
    {
        value = 0;
        fractionDigits = 0;
        long mantissa = 0;
        int digits = 0, i = 0, point = -1;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                if (mantissa != 0 || d != 0) digits++; // leading zeros are not significant
                mantissa = mantissa * 10 + d;
                if (digits > MaxDigits) return false;
            }
            else if (text[i] == '.' && point < 0) point = i;
            else return false;
        }
        if (text.IsEmpty || point == text.Length - 1) return false; // "", "." and "5." go to the general parser
        fractionDigits = point < 0 ? 0 : text.Length - point - 1;
        if (fractionDigits >= PowersOfTen.Length) return false;
        value = fractionDigits == 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
        return true;
    }
}
