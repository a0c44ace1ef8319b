namespace Backtesting.Application.Users;

/// <summary>The state of a stored API key at a given time.</summary>
public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}
