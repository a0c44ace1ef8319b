namespace Backtesting.Engine.MonteCarlo;

/// <summary>What each Monte Carlo path varies.</summary>
public enum MonteCarloMethod
{
    /// <summary>The backtest's trades (the open one marked at the last close) in a random order, dollar pnl added to the capital: same final capital, different path.</summary>
    TradeReshuffle,

    /// <summary>As many trades as the backtest, drawn from its trades with replacement.</summary>
    TradeBootstrap,

    /// <summary>New price paths from blocks of consecutive bars' relative moves (circular block bootstrap); the strategy is re-run on each.</summary>
    BlockBootstrap,

    /// <summary>New price paths from geometric Brownian motion fitted to the close-to-close log returns; the strategy is re-run on each.</summary>
    Gbm,
}
