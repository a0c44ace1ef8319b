using Backtesting.Application.Views;

namespace Backtesting.Application.Sessions;

/// <summary>A closed session: its final state and the completed run of kind <c>backtrading_session</c> it became, with the run's metrics.</summary>
public sealed record SessionCloseView(string RunId, SessionView Session, MetricValues Metrics);
