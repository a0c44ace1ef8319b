using System.Security.Cryptography;

namespace Backtesting.Application.Backtests;

/// <summary>Opaque run ids: "bt-" and 20 random hex digits.</summary>
public static class RunIds
{
    public static string New() => "bt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
