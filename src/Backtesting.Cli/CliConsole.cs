using System.CommandLine;
using Backtesting.Cli.Output;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli;

/// <summary>The writers a command prints to, progress on stderr, and the one place input errors become exit code 2.</summary>
/// <param name="output">Results (text or JSON); never anything else.</param>
/// <param name="error">Errors, and progress when it is a terminal.</param>
/// <param name="errorIsTerminal">Whether <paramref name="error"/> is an interactive terminal (not redirected to a file or pipe).</param>
public sealed class CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal = false)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>The global <c>--quiet</c> option: no progress display.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress on stderr (shown for long jobs only when stderr is a terminal).",
        Recursive = true,
    };

    /// <summary>
    /// A progress line on stderr for a job of <paramref name="total"/> <paramref name="unit"/>, or null when stderr is
    /// not a terminal (a log file or a pipe would fill with redraws) or <c>--quiet</c> is given.
    /// </summary>
    private ProgressLine? StartProgress(ParseResult parse, string label, string unit, long total) =>
        errorIsTerminal && !parse.GetValue(Quiet) ? new ProgressLine(Error, label, unit, total) : null;

    /// <summary>
    /// Runs an engine job that reports its <paramref name="unit"/> done to an <see cref="IProgress{T}"/>, with a progress
    /// line labelled by the command's name when <see cref="StartProgress"/> gives one (the job gets null otherwise).
    /// </summary>
    public T WithProgress<T>(ParseResult parse, string unit, long total, Func<IProgress<int>?, T> job)
    {
        using var progress = StartProgress(parse, parse.CommandResult.Command.Name, unit, total);
        return job(progress);
    }

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
