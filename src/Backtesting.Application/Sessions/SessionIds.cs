using System.Security.Cryptography;

namespace Backtesting.Application.Sessions;

/// <summary>Opaque session ids: "ts-" and 20 random hex digits.</summary>
public static class SessionIds
{
    public static string New() => "ts-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
