namespace Backtesting.Local.Realtime;

/// <summary>POST /api/ws-ticket: a single-use ticket for /ws?ticket=... and its lifetime in seconds.</summary>
public sealed record WebSocketTicketView(string Ticket, int ExpiresIn);
