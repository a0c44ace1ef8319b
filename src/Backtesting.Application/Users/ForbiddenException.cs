namespace Backtesting.Application.Users;

/// <summary>
/// The caller is known but may not do this (hosts answer 403 with the message). A separate type from
/// <see cref="UnauthorizedAccessException"/>, which the runtime also throws for file permissions: those
/// are server faults and must not reach clients.
/// </summary>
public sealed class ForbiddenException(string message) : Exception(message);
