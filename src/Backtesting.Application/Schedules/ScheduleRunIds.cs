using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backtesting.Application.Schedules;

/// <summary>Ids derived from (schedule, slot, asset): a slot that runs twice creates no second run.</summary>
public static class ScheduleRunIds
{
    public static string For(string scheduleId, DateTime slotUtc, string assetSymbol)
    {
        string key = $"{scheduleId}|{slotUtc.ToString("O", CultureInfo.InvariantCulture)}|{assetSymbol}";
        return "bt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];
    }

    public static string NewScheduleId() => "sch-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
