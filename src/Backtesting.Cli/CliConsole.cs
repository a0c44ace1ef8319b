using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli;

/// <summary>The writers a command prints to, and the one place input errors become exit code 2.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Runs a command body; bad input (validation, data, files, formats) prints a message and returns 2.</summary>
    public int Guarded(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ValidationException ex)
        {
            foreach (var e in ex.Errors) Error.WriteLine($"error: {e}");
            return CliApplication.BadInput;
        }
        catch (Exception ex) when (ex is BarDataException or FormatException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            Error.WriteLine($"error: {ex.Message}");
            return CliApplication.BadInput;
        }
    }
}
