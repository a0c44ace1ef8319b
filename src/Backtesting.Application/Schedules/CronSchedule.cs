using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Backtesting.Application.Schedules;

/// <summary>
/// A cron expression in UTC: five fields (minute hour day-of-month month day-of-week) or six with
/// seconds first (NCRONTAB, as Azure Functions timers write them). Fields take *, numbers, ranges
/// a-b, steps */n and a-b/n, comma lists, and JAN-DEC / SUN-SAT names; day-of-week 0 and 7 are
/// Sunday. When both day fields are restricted a day matching either one fires, as in cron.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private const int SearchYears = 5;

    private readonly bool[] _seconds, _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _anyDay, _anyWeekday;

    private CronSchedule(bool[] seconds, bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays, bool anyDay, bool anyWeekday)
    {
        (_seconds, _minutes, _hours, _days, _months, _weekdays, _anyDay, _anyWeekday) = (seconds, minutes, hours, days, months, weekdays, anyDay, anyWeekday);
    }

    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var fields = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            error = $"has {fields.Length} fields; write 5 (minute hour day month weekday) or 6 (second first)";
            return false;
        }
        if (fields.Length == 5) fields = ["0", .. fields];
        var seconds = new bool[60];
        var minutes = new bool[60];
        var hours = new bool[24];
        var days = new bool[32];
        var months = new bool[13];
        var weekdays = new bool[8];
        if (!Field(fields[0], 0, 59, null, seconds, "second", out error)
            || !Field(fields[1], 0, 59, null, minutes, "minute", out error)
            || !Field(fields[2], 0, 23, null, hours, "hour", out error)
            || !Field(fields[3], 1, 31, null, days, "day of month", out error)
            || !Field(fields[4], 1, 12, MonthNames, months, "month", out error)
            || !Field(fields[5], 0, 7, DayNames, weekdays, "day of week", out error))
            return false;
        if (weekdays[7]) weekdays[0] = true;
        schedule = new CronSchedule(seconds, minutes, hours, days, months, weekdays, fields[3] is "*" or "?", fields[5] is "*" or "?");
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>, or null when none falls in the next years.</summary>
    public DateTime? Next(DateTime afterUtc)
    {
        var start = Truncate(afterUtc).AddSeconds(1);
        for (var day = start.Date; day <= start.Date.AddYears(SearchYears); day = day.AddDays(1))
        {
            if (!DayMatches(day)) continue;
            for (int h = 0; h < 24; h++)
            for (int m = 0; m < 60; m++)
            {
                if (!_hours[h] || !_minutes[m]) continue;
                for (int s = 0; s < 60; s++)
                {
                    if (!_seconds[s]) continue;
                    var t = day.AddHours(h).AddMinutes(m).AddSeconds(s);
                    if (t >= start) return t;
                }
            }
        }
        return null;
    }

    /// <summary>The latest occurrence at or before <paramref name="atOrBeforeUtc"/>, or null when none falls in the past years.</summary>
    public DateTime? Previous(DateTime atOrBeforeUtc)
    {
        var end = Truncate(atOrBeforeUtc);
        for (var day = end.Date; day >= end.Date.AddYears(-SearchYears); day = day.AddDays(-1))
        {
            if (!DayMatches(day)) continue;
            for (int h = 23; h >= 0; h--)
            for (int m = 59; m >= 0; m--)
            {
                if (!_hours[h] || !_minutes[m]) continue;
                for (int s = 59; s >= 0; s--)
                {
                    if (!_seconds[s]) continue;
                    var t = day.AddHours(h).AddMinutes(m).AddSeconds(s);
                    if (t <= end) return t;
                }
            }
        }
        return null;
    }

    private bool DayMatches(DateTime day)
    {
        if (!_months[day.Month]) return false;
        bool dom = _days[day.Day];
        bool dow = _weekdays[(int)day.DayOfWeek];
        return _anyDay || _anyWeekday ? dom && dow : dom || dow;
    }

    private static DateTime Truncate(DateTime t)
    {
        var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static bool Field(string text, int min, int max, string[]? names, bool[] set, string what, [NotNullWhen(false)] out string? error)
    {
        error = null;
        foreach (var part in text.Split(','))
        {
            string range = part;
            int step = 1;
            int slash = part.IndexOf('/');
            if (slash >= 0)
            {
                range = part[..slash];
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    error = $"{what} step '{part[(slash + 1)..]}' must be a whole number >= 1";
                    return false;
                }
            }
            int lo, hi;
            if (range is "*" or "?")
            {
                (lo, hi) = (min, max);
            }
            else
            {
                int dash = range.IndexOf('-');
                if (!Value(dash >= 0 ? range[..dash] : range, names, min, out lo) || !Value(dash >= 0 ? range[(dash + 1)..] : range, names, min, out hi))
                {
                    error = $"{what} '{part}' is not a number{(names is null ? "" : " or name")}";
                    return false;
                }
                if (slash >= 0 && dash < 0) hi = max;
            }
            if (lo < min || hi > max || lo > hi)
            {
                error = $"{what} '{part}' must lie in {min}-{max}";
                return false;
            }
            for (int v = lo; v <= hi; v += step) set[v] = true;
        }
        return true;
    }

    private static bool Value(string text, string[]? names, int min, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        int index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = index + (min == 1 ? 1 : 0);
        return index >= 0;
    }
}
