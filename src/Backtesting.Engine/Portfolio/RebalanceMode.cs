namespace Backtesting.Engine.Portfolio;

/// <summary>When held positions are brought back to their target weights.</summary>
public enum RebalanceMode
{
    /// <summary>Never: positions are sized at entry and then drift.</summary>
    None,

    /// <summary>At the open of the first bar of each UTC calendar day.</summary>
    Daily,

    /// <summary>At the open of the first bar of each week (weeks start on Monday, UTC).</summary>
    Weekly,

    /// <summary>At the open of the first bar of each calendar month (UTC).</summary>
    Monthly,

    /// <summary>At the next open after a close where a held asset's weight is more than the drift threshold away from its target.</summary>
    Threshold,
}
