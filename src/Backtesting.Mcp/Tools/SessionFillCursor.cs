using Backtesting.Application.Sessions;
using Backtesting.Engine.Validation;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// "Fills since the last call" for agents: a session's fills are numbered in order (f-1, f-2, ...), every answer names the
/// last one, and a call given <c>since_fill</c> lists the fills after it. The cursor travels with the caller, so reads stay
/// reads and two agents on one session each see everything new to them.
/// </summary>
internal static class SessionFillCursor
{
    public const string Description = "The last fill id you have seen (each get_session/advance_session answer names it as 'last fill', e.g. 'f-7'); "
        + "the answer then lists every fill after it, also those made by other calls (autopilot, another client).";

    /// <summary>The fills after <paramref name="sinceFill"/> (all of them when it is null).</summary>
    public static IReadOnlyList<SessionFillView> After(IReadOnlyList<SessionFillView> fills, string? sinceFill)
    {
        if (sinceFill is null) return fills;
        int index = -1;
        for (int i = 0; i < fills.Count; i++)
            if (fills[i].FillId == sinceFill) index = i;
        if (index < 0)
        {
            string known = fills.Count == 0 ? "the session has no fills yet; omit since_fill" : $"a fill id of this session, f-1 to {fills[^1].FillId}";
            throw new ValidationException([new ValidationError("since_fill", $"'{Application.Limits.ErrorEchoLimits.Clip(sinceFill)}'", $"is not a fill of this session; give {known}")]);
        }
        return fills.Skip(index + 1).ToList();
    }

    /// <summary>The text sentence: the listed fills (the newest 20 when more) and the cursor for the next call.</summary>
    public static string Text(IReadOnlyList<SessionFillView> listed, string? sinceFill, IReadOnlyList<SessionFillView> all)
    {
        const int Shown = 20;
        string scope = sinceFill is null ? "" : $" since {sinceFill}";
        string fills = listed.Count == 0
            ? $"No fills{scope}."
            : $"{listed.Count} fill(s){scope}{(listed.Count > Shown ? $", the newest {Shown}" : "")}: {string.Join("; ", listed.TakeLast(Shown).Select(SessionText.Fill))}.";
        string cursor = all.Count == 0 ? "No fills yet." : $"Last fill: {all[^1].FillId} (pass since_fill='{all[^1].FillId}' to see only newer ones).";
        return $"{fills} {cursor}";
    }
}
