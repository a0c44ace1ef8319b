namespace Backtesting.Engine.Sessions;

/// <summary>An order or action the session refuses, naming the request field at fault.</summary>
public sealed class SessionOrderException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
}
