using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Views;
using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Sessions;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Sessions;

/// <summary>
/// Trading-session use cases shared by every host (REST, MCP, Functions). Each write loads the stored session,
/// applies one engine action and stores it back only if nobody wrote in between (else 409 with the current
/// version); a refused action writes nothing. Every query is scoped to the caller: another user's session is "not found".
/// </summary>
public sealed class TradingSessionService(
    ITradingSessionStore sessions, IMarketDataStore marketData, IRunStore runs, IBlobStore blobs, StrategyResolver strategies,
    IOptions<BacktestingLimits> limits, SessionEvents events, TimeProvider time)
{
    public const int DefaultLookback = 100;

    public async Task<SessionView> CreateAsync(string userId, CreateSessionRequest? request, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (request is null) throw new ValidationException([new ValidationError("body", null, "send a JSON object with asset_symbol, start_date and initial_capital")]);
        string symbol = request.AssetSymbol?.Trim() ?? "";
        if (symbol.Length == 0) errors.Add(new ValidationError("asset_symbol", null, "is required"));
        string timeframe = request.Timeframe ?? "1d";
        if (!BacktestRequestValidator.Timeframes.Contains(timeframe))
            errors.Add(new ValidationError("timeframe", $"'{timeframe}'", $"must be one of {string.Join(", ", BacktestRequestValidator.Timeframes)}"));
        var start = BacktestRequestValidator.ParseDate("start_date", request.StartDate, errors);
        if (request.StartDate is null) errors.Add(new ValidationError("start_date", null, "is required (the first bar you trade from)"));
        var end = BacktestRequestValidator.ParseDate("end_date", request.EndDate, errors, endOfDay: true);
        if (start is { } s && end is { } e && e < s) errors.Add(new ValidationError("end_date", $"'{request.EndDate}'", $"must not be before start_date ({request.StartDate})"));
        if (request.InitialCapital is not { } capital || !(capital > 0) || !double.IsFinite(capital))
            errors.Add(new ValidationError("initial_capital", request.InitialCapital?.ToString(), "is required: a finite number > 0"));
        if (request.Commission is { } c && !(c >= 0 && c < 1)) errors.Add(new ValidationError("commission", c.ToString(), "must be a rate in [0, 1)"));
        if (request.SlippageBps is { } b && !(b >= 0 && b < 10_000)) errors.Add(new ValidationError("slippage_bps", b.ToString(), "must be in [0, 10000)"));
        if (request.WarmupBars is { } w && w < 0) errors.Add(new ValidationError("warmup_bars", w.ToString(), "must be an integer >= 0"));
        if (errors.Count > 0) throw new ValidationException(errors);
        if (await marketData.GetAssetAsync(symbol, ct).ConfigureAwait(false) is null)
        {
            var known = (await marketData.ListAssetsAsync(ct).ConfigureAwait(false)).Select(a => a.Symbol);
            throw new ValidationException([new ValidationError("asset_symbol", $"'{symbol}'", $"is not a known asset; available: {string.Join(", ", known)}")]);
        }

        var all = await marketData.ReadBarsAsync(symbol, timeframe, null, end, ct).ConfigureAwait(false);
        int startIndex = all is null ? -1 : Array.FindIndex(all.Timestamps, t => t >= start!.Value.Ticks);
        if (all is null || startIndex < 0)
            throw new ValidationException([new ValidationError("start_date", $"'{request.StartDate}'", $"selects no {timeframe} bars of {symbol} at or after it{(end is null ? "" : $" up to {end:yyyy-MM-dd}")}")]);
        int warmup = Math.Min(request.WarmupBars ?? 0, startIndex);
        int first = startIndex - warmup;
        int count = all.Count - first;
        if (count > limits.Value.MaxBarsPerSession)
            throw new ValidationException([new ValidationError("start_date/end_date", null, $"select {count} bars, more than the limit of {limits.Value.MaxBarsPerSession} bars per session")]);
        var bars = all.Slice(first, count);
        var terms = new SessionTerms
        {
            FirstBarTime = bars.TimeAt(0), LastBarTime = bars.TimeAt(count - 1), StartDate = bars.TimeAt(warmup), WarmupBars = warmup, BarCount = count,
            InitialCapital = request.InitialCapital!.Value, Commission = request.Commission ?? 0, SlippageBps = request.SlippageBps ?? 0, Fractional = request.Fractional ?? false,
        };
        var state = TradingSession.Start(bars, Settings(terms), warmup);
        var now = time.GetUtcNow().UtcDateTime;
        var record = new TradingSessionRecord
        {
            Id = SessionIds.New(), UserId = userId, Status = SessionStatus.Active, Version = 1, AssetSymbol = symbol, Timeframe = timeframe,
            Terms = WorkflowJson.Serialize(terms), State = WorkflowJson.Serialize(state), CreatedAt = now, UpdatedAt = now,
        };
        if (!await sessions.TryCreateWithinLimitAsync(record, limits.Value.MaxSessionsPerUser, ct).ConfigureAwait(false))
            throw new LimitExceededException("sessions", $"you have {limits.Value.MaxSessionsPerUser} active trading sessions, the limit; close one first");
        return View(record, new TradingSession(bars, Settings(terms), state));
    }

    public async Task<SessionView> GetAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var (record, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        return View(record, session);
    }

    /// <summary>The state and every fill so far, from one read (so the fills are exactly those of that version).</summary>
    public async Task<(SessionView Session, IReadOnlyList<SessionFillView> Fills)> GetWithFillsAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var (record, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        return (View(record, session), session.State.Fills.Select(SessionFillView.From).ToList());
    }

    public async Task<IReadOnlyList<SessionView>> ListAsync(string userId, CancellationToken ct = default)
    {
        var views = new List<SessionView>();
        foreach (var record in await sessions.ListAsync(userId, ct).ConfigureAwait(false))
            views.Add(View(record, await SessionOfAsync(record, ct).ConfigureAwait(false)));
        return views;
    }

    /// <summary>The last <paramref name="lookback"/> bars up to and including the current one (never a later bar).</summary>
    public async Task<IReadOnlyList<BarView>> GetBarsAsync(string userId, string sessionId, int? lookback, CancellationToken ct = default)
    {
        int n = lookback ?? DefaultLookback;
        if (n < 1 || n > MarketDataService.MaxBarsPerPage)
            throw new ValidationException([new ValidationError("lookback", n.ToString(), $"must be an integer in [1, {MarketDataService.MaxBarsPerPage}]")]);
        var (_, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        int last = session.CurrentBar, from = Math.Max(0, last - n + 1);
        return Enumerable.Range(from, last - from + 1).Select(i => Bar(session.Bars, i)).ToList();
    }

    public async Task<IReadOnlyList<SessionOrderView>> GetOrdersAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var (_, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        return session.State.Orders.Select(o => SessionOrderView.From(o, session.Bars)).ToList();
    }

    public async Task<IReadOnlyList<SessionFillView>> GetFillsAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var (_, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        return session.State.Fills.Select(SessionFillView.From).ToList();
    }

    public async Task<SessionOrderView> PlaceOrderAsync(string userId, string sessionId, PlaceOrderRequest? request, long? expectedVersion, CancellationToken ct = default)
    {
        var order = ParseOrder(request);
        var (placed, _) = await WriteAsync(userId, sessionId, expectedVersion, session =>
        {
            if (session.State.Orders.Count >= limits.Value.MaxOrdersPerSession)
                throw new LimitExceededException("orders", $"this session holds {session.State.Orders.Count} orders, the limit of {limits.Value.MaxOrdersPerSession} orders per session");
            return SessionOrderView.From(session.Place(order), session.Bars);
        }, ct).ConfigureAwait(false);
        return placed;
    }

    public async Task<SessionOrderView> CancelOrderAsync(string userId, string sessionId, string orderId, long? expectedVersion, CancellationToken ct = default)
    {
        var (cancelled, _) = await WriteAsync(userId, sessionId, expectedVersion, session =>
        {
            if (session.FindOrder(orderId) is null) throw new SessionNotFoundException("order", orderId);
            return SessionOrderView.From(session.Cancel(orderId), session.Bars);
        }, ct).ConfigureAwait(false);
        return cancelled;
    }

    public async Task<SessionAdvanceView> AdvanceAsync(string userId, string sessionId, AdvanceRequest? request, long? expectedVersion, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (request is null || (request.Bars is null == request.Until is null))
            throw new ValidationException([new ValidationError("bars", null, "give exactly one of bars (an integer >= 1) or until (a date or date-time)")]);
        if (request.Bars is { } b && b < 1) throw new ValidationException([new ValidationError("bars", b.ToString(), "must be an integer >= 1")]);
        var until = request.Until is null ? null : BacktestRequestValidator.ParseDate("until", request.Until, errors, endOfDay: true);
        if (errors.Count > 0) throw new ValidationException(errors);
        var (step, view) = await WriteAsync(userId, sessionId, expectedVersion, session =>
        {
            var moved = until is { } t ? session.AdvanceTo(Math.Max(session.CurrentBar, session.BarAtOrBefore(t))) : session.Advance(request.Bars!.Value);
            return (moved, Rejected: moved.Rejected.Select(o => SessionOrderView.From(o, session.Bars)).ToList());
        }, ct).ConfigureAwait(false);
        return Stepped(userId, AdvanceView(step.moved, step.Rejected, view));
    }

    public async Task<SessionAdvanceView> AutopilotAsync(string userId, string sessionId, AutopilotRequest? request, long? expectedVersion, CancellationToken ct = default)
    {
        if (request is null) throw new ValidationException([new ValidationError("body", null, "send {strategy_id, parameters, bars}")]);
        if (request.Bars is not { } bars || bars < 1) throw new ValidationException([new ValidationError("bars", request.Bars?.ToString(), "is required: an integer >= 1")]);
        // a built-in or the caller's own rules strategy (another user's is "not found")
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var config = StrategyConfigValidator.Validate(request.StrategyId, request.Parameters, strategies: own.Lookup).GetConfigOrThrow();
        var settings = config.ToSimulationSettings(1);
        var (step, view) = await WriteAsync(userId, sessionId, expectedVersion, session =>
        {
            var moved = session.Autopilot(config.CreateStrategy(), settings.Direction, settings.PositionSize, bars);
            return (moved, Rejected: moved.Rejected.Select(o => SessionOrderView.From(o, session.Bars)).ToList());
        }, ct).ConfigureAwait(false);
        return Stepped(userId, AdvanceView(step.moved, step.Rejected, view));
    }

    /// <summary>Closes the session (position at the next open or the current close) into a completed run of kind backtrading_session.</summary>
    public async Task<SessionCloseView> CloseAsync(string userId, string sessionId, CloseSessionRequest? request, long? expectedVersion, CancellationToken ct = default)
    {
        var mode = (request?.At ?? "next_open") switch
        {
            "next_open" => SessionCloseMode.NextOpen,
            "close" => SessionCloseMode.Close,
            var other => throw new ValidationException([new ValidationError("at", $"'{other}'", "must be one of: next_open, close")]),
        };
        var (record, session) = await OpenForWriteAsync(userId, sessionId, expectedVersion, ct).ConfigureAwait(false);
        int fillsBefore = session.State.Fills.Count;
        var result = session.Finish(mode);
        string runId = RunIds.New();
        var now = time.GetUtcNow().UtcDateTime;
        var closed = record with
        {
            Status = SessionStatus.Closed, Version = record.Version + 1, State = WorkflowJson.Serialize(session.State), RunId = runId, UpdatedAt = now,
        };
        await StoreAsync(closed, record.Version, ct).ConfigureAwait(false);
        var terms = WorkflowJson.Deserialize<SessionTerms>(record.Terms);
        try
        {
            await runs.CreateAsync(new BacktestRun
            {
                Id = runId, UserId = userId, Kind = RunKind.BacktradingSession, StrategyId = "manual", AssetSymbol = record.AssetSymbol,
                StartDate = new DateTime(result.Timestamps[0], DateTimeKind.Utc), EndDate = new DateTime(result.Timestamps[^1], DateTimeKind.Utc),
                InitialCapital = (decimal)terms.InitialCapital, Status = RunStatus.Running, CreatedAt = record.CreatedAt, UpdatedAt = now,
                Parameters = JsonSerializer.Serialize(new Dictionary<string, object> { ["session_id"] = record.Id, ["commission"] = terms.Commission, ["slippage_bps"] = terms.SlippageBps }),
            }, ct).ConfigureAwait(false);
            string curveBlob = await blobs.PutAsync(RunBlobNames.Curve(runId), EquityCurveCodec.Encode(new EquityCurve(result.Timestamps, result.Equity)), EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
            await runs.CompleteAsync(new RunCompletion(runId, ResultRecords.Result(runId, result, curveBlob, now), ResultRecords.Trades(runId, result.Trades), now), ct).ConfigureAwait(false);
        }
        catch
        {
            // the run could not be written: the session goes back to active, as it was, so closing can be retried
            await sessions.TryUpdateAsync(record with { Version = record.Version + 2, UpdatedAt = now }, closed.Version, CancellationToken.None).ConfigureAwait(false);
            await runs.TryTransitionAsync(runId, [RunStatus.Pending, RunStatus.Running], RunStatus.Failed, "the trading session could not be closed", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var closedView = View(closed, session);
        events.Closed(userId, session.State.Fills.Skip(fillsBefore).Select(SessionFillView.From).ToList(), closedView, runId);
        return new SessionCloseView(runId, closedView, MetricValues.Of(result.Metrics));
    }

    /// <summary>Applies <paramref name="action"/> to the stored session and stores the result under the next version; returns its value and the new state.</summary>
    private async Task<(T Value, SessionView View)> WriteAsync<T>(string userId, string sessionId, long? expectedVersion, Func<TradingSession, T> action, CancellationToken ct)
    {
        var (record, session) = await OpenForWriteAsync(userId, sessionId, expectedVersion, ct).ConfigureAwait(false);
        T value;
        try
        {
            value = action(session);
        }
        catch (SessionOrderException ex)
        {
            throw new ValidationException([new ValidationError(ex.Field, null, ex.Message[(ex.Field.Length + 2)..])]);
        }
        var updated = record with { Version = record.Version + 1, State = WorkflowJson.Serialize(session.State), UpdatedAt = time.GetUtcNow().UtcDateTime };
        await StoreAsync(updated, record.Version, ct).ConfigureAwait(false);
        return (value, View(updated, session));
    }

    private async Task<(TradingSessionRecord, TradingSession)> OpenForWriteAsync(string userId, string sessionId, long? expectedVersion, CancellationToken ct)
    {
        var (record, session) = await OpenAsync(userId, sessionId, ct).ConfigureAwait(false);
        if (record.Status != SessionStatus.Active)
            throw new SessionConflictException($"session '{sessionId}' is closed (its run is {record.RunId}); it takes no more actions", record.Version);
        if (expectedVersion is { } v && v != record.Version)
            throw new SessionConflictException($"session '{sessionId}' is at version {record.Version}, not {v}; re-read it and retry", record.Version);
        return (record, session);
    }

    private async Task StoreAsync(TradingSessionRecord updated, long expectedVersion, CancellationToken ct)
    {
        if (await sessions.TryUpdateAsync(updated, expectedVersion, ct).ConfigureAwait(false)) return;
        var current = await sessions.GetAsync(updated.UserId, updated.Id, ct).ConfigureAwait(false);
        throw new SessionConflictException($"session '{updated.Id}' changed while this request ran; re-read it and retry", current?.Version ?? expectedVersion);
    }

    private async Task<(TradingSessionRecord, TradingSession)> OpenAsync(string userId, string sessionId, CancellationToken ct)
    {
        var record = await sessions.GetAsync(userId, sessionId, ct).ConfigureAwait(false) ?? throw new SessionNotFoundException("trading session", sessionId);
        return (record, await SessionOfAsync(record, ct).ConfigureAwait(false));
    }

    private async Task<TradingSession> SessionOfAsync(TradingSessionRecord record, CancellationToken ct)
    {
        var terms = WorkflowJson.Deserialize<SessionTerms>(record.Terms);
        var bars = await marketData.ReadBarsAsync(record.AssetSymbol, record.Timeframe, terms.FirstBarTime, terms.LastBarTime, ct).ConfigureAwait(false);
        if (bars is null || bars.Count != terms.BarCount)
            throw new InvalidOperationException($"the bars of session {record.Id} changed since it started ({bars?.Count ?? 0} bars instead of {terms.BarCount})");
        return new TradingSession(bars, Settings(terms), WorkflowJson.Deserialize<SessionState>(record.State));
    }

    private static SessionSettings Settings(SessionTerms terms) => new()
    {
        InitialCapital = terms.InitialCapital, Commission = terms.Commission, SlippageBps = terms.SlippageBps, Fractional = terms.Fractional,
    };

    private static SessionOrderRequest ParseOrder(PlaceOrderRequest? r)
    {
        if (r is null) throw new ValidationException([new ValidationError("body", null, "send {side, type, quantity | percent_of_equity, ...}")]);
        var errors = new List<ValidationError>();
        OrderSide side = r.Side switch
        {
            "buy" => OrderSide.Buy,
            "sell" => OrderSide.Sell,
            _ => Error(errors, "side", r.Side, "must be one of: buy, sell", OrderSide.Buy),
        };
        SessionOrderType type = r.Type switch
        {
            "market" => SessionOrderType.Market,
            "limit" => SessionOrderType.Limit,
            "stop" => SessionOrderType.Stop,
            "stop_limit" => SessionOrderType.StopLimit,
            _ => Error(errors, "type", r.Type, "must be one of: market, limit, stop, stop_limit", SessionOrderType.Market),
        };
        if (errors.Count > 0) throw new ValidationException(errors);
        return new SessionOrderRequest
        {
            Side = side, Type = type, Quantity = r.Quantity, PercentOfEquity = r.PercentOfEquity, LimitPrice = r.LimitPrice, StopPrice = r.StopPrice,
            StopLoss = r.StopLoss, TakeProfit = r.TakeProfit,
        };
    }

    private static T Error<T>(List<ValidationError> errors, string field, string? value, string message, T fallback)
    {
        errors.Add(new ValidationError(field, value is null ? null : $"'{ErrorEchoLimits.Clip(value)}'", value is null ? "is required; " + message : message));
        return fallback;
    }

    private SessionAdvanceView Stepped(string userId, SessionAdvanceView step)
    {
        events.Stepped(userId, step.Fills, step.Session);
        return step;
    }

    private static SessionAdvanceView AdvanceView(SessionAdvance step, IReadOnlyList<SessionOrderView> rejected, SessionView view)
    {
        string message = step.ReachedEnd
            ? $"moved {step.BarsAdvanced} bar(s) and stopped at the last bar ({view.CurrentBar.Time:yyyy-MM-ddTHH:mm:ssZ}); no later bar exists"
            : $"moved {step.BarsAdvanced} bar(s) to {view.CurrentBar.Time:yyyy-MM-ddTHH:mm:ssZ}";
        return new SessionAdvanceView(step.BarsAdvanced, step.ReachedEnd, message, step.Fills.Select(SessionFillView.From).ToList(), rejected, view);
    }

    private static BarView Bar(BarSeries bars, int i) => new(bars.TimeAt(i), bars.Open[i], bars.High[i], bars.Low[i], bars.Close[i], bars.Volume[i]);

    private static SessionView View(TradingSessionRecord record, TradingSession session)
    {
        var s = session.State;
        return new SessionView
        {
            SessionId = record.Id, Status = record.Status, Version = record.Version, AssetSymbol = record.AssetSymbol, Timeframe = record.Timeframe,
            CurrentBar = Bar(session.Bars, s.CurrentBar), BarIndex = s.CurrentBar - s.StartBar, BarsRemaining = session.BarsRemaining,
            InitialCapital = session.Settings.InitialCapital, Cash = s.Cash, Equity = session.Equity,
            Position = new PositionView(s.Units, s.Units == 0 ? null : s.EntryPrice, session.UnrealizedPnl),
            OpenOrders = session.WorkingOrders.Select(o => SessionOrderView.From(o, session.Bars)).ToList(),
            RealizedPnl = session.RealizedPnl, TotalFees = s.TotalFees, RunId = record.RunId, CreatedAt = record.CreatedAt,
        };
    }
}
