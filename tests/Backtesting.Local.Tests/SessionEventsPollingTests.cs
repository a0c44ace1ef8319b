using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Backtesting.Local.Tests.Support.ServerSentEventReader;

namespace Backtesting.Local.Tests;

/// <summary>
/// Which path brings a session stream its events. Where the writer's events never reach (or reach late) the subscriber's
/// hub, as when the Functions app serves the write and the stream on different instances (no <see cref="ILocalSessions"/>),
/// the stream reads the stored session after a silent poll interval (a fake clock the test moves) and shows each fill and
/// state once. On the local host every write reaches the hub, and the stream never reads the store after its first state.
/// GOOG.csv: 2005-01-03 closes 202.71; 01-04 opens 201.4; 01-06 closes 188.55; 01-07 opens 190.64.
/// </summary>
public sealed class SessionEventsPollingTests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ServerSentEvents_HubNeverHearsTheWrites_PollDeliversFillsThenLatestBarInOrder_ThenClosed()
    {
        GatedSessionPublisher? gate = null;
        var clock = new PollTimerClock(PollInterval);
        using var factory = Host(clock, p => gate = p);
        var client = await factory.CreateUserClientAsync("poll-" + Guid.NewGuid().ToString("N")[..8]);
        string id = await SessionsApiTests.CreateAsync(client);
        using var reader = new StreamReader(await client.GetStreamAsync($"/api/sessions/{id}/events"));
        var first = await NextAsync(reader);
        Assert.Equal("session_bar", first.Type);
        Assert.Equal(1, (long)first.Data["version"]!);

        // every wait of the stream starts one poll timer; the clock moves only while it waits
        await clock.WaitForTimersAsync(1);
        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        var step = await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 3 });
        clock.Advance(PollInterval);

        // fills at the 2005-01-04 open (201.4); clock at 01-06: cash 10000 - 2014 = 7986, equity 7986 + 10 x 188.55 = 9871.5
        var fill = await NextAsync(reader);
        Assert.Equal("session_fill", fill.Type);
        Assert.Equal(id, (string)fill.Data["session_id"]!);
        Assert.Equal((string)step["fills"]![0]!["fill_id"]!, (string)fill.Data["fill_id"]!);
        Assert.Equal("2005-01-04T00:00:00Z", (string)fill.Data["time"]!);
        Assert.Equal(201.4, (double)fill.Data["price"]!);
        Assert.Equal(10, (double)fill.Data["quantity"]!);
        var bar = await NextAsync(reader);
        Assert.Equal("session_bar", bar.Type);
        Assert.Equal("2005-01-06T00:00:00Z", (string)bar.Data["current_bar"]!["time"]!);
        Assert.Equal(7986, (double)bar.Data["cash"]!, 9);
        Assert.Equal(9871.5, (double)bar.Data["equity"]!, 9);
        Assert.Equal((long)step["session"]!["version"]!, (long)bar.Data["version"]!);

        // two advances between polls: the fill of the first (01-07 open, 190.64), then one state, the latest (no bar beyond it)
        await clock.WaitForTimersAsync(2);
        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 5 });
        var one = await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 1 });
        var two = await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 1 });
        clock.Advance(PollInterval);
        var second = await NextAsync(reader);
        Assert.Equal("session_fill", second.Type);
        Assert.Equal((string)one["fills"]![0]!["fill_id"]!, (string)second.Data["fill_id"]!);
        Assert.NotEqual((string)fill.Data["fill_id"]!, (string)second.Data["fill_id"]!);
        Assert.Equal(190.64, (double)second.Data["price"]!);
        Assert.Empty(two["fills"]!.AsArray());
        var latest = await NextAsync(reader);
        Assert.Equal("session_bar", latest.Type);
        Assert.Equal((string)two["session"]!["current_bar"]!["time"]!, (string)latest.Data["current_bar"]!["time"]!);
        Assert.Equal((long)two["session"]!["version"]!, (long)latest.Data["version"]!);

        // closing at the next open sells the 15 units; the poll shows that fill, the closed state and session_closed, then ends
        await clock.WaitForTimersAsync(3);
        var closed = await client.PostOkAsync($"/api/sessions/{id}/close", new { at = "next_open" });
        clock.Advance(PollInterval);
        var exit = await NextAsync(reader);
        Assert.Equal("session_fill", exit.Type);
        Assert.Equal("sell", (string)exit.Data["side"]!);
        Assert.Equal(15, (double)exit.Data["quantity"]!);
        var last = await NextAsync(reader);
        Assert.Equal("session_bar", last.Type);
        Assert.Equal((long)closed["session"]!["version"]!, (long)last.Data["version"]!);
        Assert.Equal((string)closed["session"]!["current_bar"]!["time"]!, (string)last.Data["current_bar"]!["time"]!);
        Assert.True(DateTime.Parse((string)exit.Data["time"]!) <= DateTime.Parse((string)last.Data["current_bar"]!["time"]!));
        var end = await NextAsync(reader);
        Assert.Equal("session_closed", end.Type);
        Assert.Equal((string)closed["run_id"]!, (string)end.Data["run_id"]!);
        Assert.Equal("", (await reader.ReadToEndAsync()).Trim());
        // none of the above came from the hub: every event of the writes was still held back, 2 + 2 + 1 + 3
        // (fill and state of each filling advance, the state of the empty one, fill, state and closed of the close)
        Assert.Equal(8, gate!.Release());
    }

    [Fact]
    public async Task ServerSentEvents_HubAndPollBothDeliver_EachEventShownOnce()
    {
        GatedSessionPublisher? gate = null;
        var clock = new PollTimerClock(PollInterval);
        using var factory = Host(clock, p => gate = p);
        var client = await factory.CreateUserClientAsync("both-" + Guid.NewGuid().ToString("N")[..8]);
        string id = await SessionsApiTests.CreateAsync(client);
        using var reader = new StreamReader(await client.GetStreamAsync($"/api/sessions/{id}/events"));
        var events = new List<(string Type, JsonNode Data)> { await NextAsync(reader) };

        // the poll first (fill f-1 and the state at version 3), then the hub's late copies of the same write
        await clock.WaitForTimersAsync(1);
        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 3 });
        clock.Advance(PollInterval);
        events.Add(await NextAsync(reader));
        events.Add(await NextAsync(reader));
        await clock.WaitForTimersAsync(2);
        Assert.Equal(2, gate!.Release()); // one wait per late copy: timers 3 and 4

        // then the hub first (live from here), and a poll after it that must find nothing new
        gate.Hold = false;
        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "sell", type = "market", quantity = 10 });
        var sold = await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 1 });
        events.Add(await NextAsync(reader));
        events.Add(await NextAsync(reader));
        await clock.WaitForTimersAsync(6);
        clock.Advance(PollInterval);
        await clock.WaitForTimersAsync(7); // the poll ran
        var closed = await client.PostOkAsync($"/api/sessions/{id}/close", new { at = "close" });
        while (events[^1].Type != "session_closed") events.Add(await NextAsync(reader));

        // state, fill, state, fill, state, closed state, closed: nothing twice
        Assert.Equal(["session_bar", "session_fill", "session_bar", "session_fill", "session_bar", "session_bar", "session_closed"], events.Select(e => e.Type));
        var fills = events.Where(e => e.Type == "session_fill").Select(e => (string)e.Data["fill_id"]!).ToList();
        Assert.Equal(fills.Distinct(), fills);
        Assert.Equal((string)sold["fills"]![0]!["fill_id"]!, fills[1]);
        Assert.Equal(190.64, (double)events[3].Data["price"]!); // the sell at the 2005-01-07 open
        var versions = events.Where(e => e.Type == "session_bar").Select(e => (long)e.Data["version"]!).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal((long)closed["session"]!["version"]!, versions[^1]);
        Assert.Equal("", (await reader.ReadToEndAsync()).Trim());
    }

    [Fact]
    public async Task ServerSentEvents_LocalHost_WritesReachTheHub_QuietStreamNeverReadsTheStore()
    {
        var clock = new PollTimerClock(PollInterval);
        var reads = new StoreReadCounter<ITradingSessionStore>();
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            reads.Install(services);
        });
        var client = await factory.CreateUserClientAsync("quiet-" + Guid.NewGuid().ToString("N")[..8]);
        string id = await SessionsApiTests.CreateAsync(client);
        using var reader = new StreamReader(await client.GetStreamAsync($"/api/sessions/{id}/events"));
        Assert.Equal("session_bar", (await NextAsync(reader)).Type);

        // a minute of silence (sixty poll intervals), then a write: its fill and state come from the hub
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 1 });
        var fill = await NextAsync(reader);
        Assert.Equal("session_fill", fill.Type);
        Assert.Equal(201.4, (double)fill.Data["price"]!); // the 2005-01-04 open
        Assert.Equal("session_bar", (await NextAsync(reader)).Type);

        // another minute, then the close: its fill, the closed state and session_closed end the stream
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostOkAsync($"/api/sessions/{id}/close", new { at = "close" });
        Assert.Equal(["session_fill", "session_bar", "session_closed"], (await ReadUntilAsync(reader, "session_closed")).Select(e => e.Type));
        Assert.Equal("", (await reader.ReadToEndAsync()).Trim());

        // the stream never waited to poll and read the session only for its handler's 404 check and its first state
        Assert.Equal(0, clock.PollTimersCreated);
        Assert.Equal(2, reads.Of(id, $"GET /api/sessions/{id}/events"));
        Assert.True(reads.Of(id) > 2, "the writes' own reads were not counted: the counter does not see the store");
    }

    /// <summary>A Functions-like host: no <see cref="ILocalSessions"/> (a write may be served elsewhere), session events held back by the gate.</summary>
    private static LocalHostFactory Host(PollTimerClock clock, Action<GatedSessionPublisher> capture) => new(configureServices: services =>
    {
        GatedSessionPublisher.Install(capture)(services);
        services.AddSingleton<TimeProvider>(clock);
        services.RemoveAll<ILocalSessions>();
    });
}
