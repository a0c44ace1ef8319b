namespace Backtesting.Engine.Sessions;

/// <summary>What one advance did: bars moved, the fills and rejections on the way, and whether it stopped at the last bar.</summary>
public sealed record SessionAdvance(int BarsAdvanced, IReadOnlyList<SessionFill> Fills, IReadOnlyList<SessionOrder> Rejected, bool ReachedEnd);
