using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;

namespace Backtesting.Http.Startup;

/// <summary>An asset an embedded host seeds when it is missing; <paramref name="LoadBars"/> gives null when its file is not deployed.</summary>
public sealed record DemoAsset(Asset Asset, string Timeframe, Func<BarSeries?> LoadBars);
