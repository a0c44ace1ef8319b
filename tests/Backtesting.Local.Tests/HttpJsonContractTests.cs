using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Http.Handlers;
using Backtesting.Http.Responses;
using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Local.Tests;

/// <summary>
/// The web host's JSON options chain the HTTP views' source-generated contracts and the application's before the
/// reflection resolver (issue 17) without changing a byte: the views a client reads for a run resolve from the HTTP
/// context and write what reflection with the same settings writes, and the OpenAPI document (whose schemas come from
/// this metadata: names, order, nullability, required members) is the one a reflection-only host gives.
/// </summary>
public sealed class HttpJsonContractTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private JsonSerializerOptions HostOptions => fixture.Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>The HTTP views' context in the host's chain (the OpenAPI package adds its own as well).</summary>
    private JsonSerializerContext HttpContext => HostOptions.TypeInfoResolverChain.OfType<JsonSerializerContext>()
        .Single(c => c.GetType().Assembly == typeof(RunAcceptedView).Assembly);

    [Fact]
    public void HostOptions_ChainTheHttpContextThenTheApplicationsThenReflection()
    {
        var chain = HostOptions.TypeInfoResolverChain.ToList();

        int http = chain.IndexOf(HttpContext), application = chain.IndexOf(WorkflowJson.Options.TypeInfoResolverChain[0]);
        Assert.True(http >= 0 && http < application, $"HTTP context at {http}, application context at {application}");
        Assert.IsType<DefaultJsonTypeInfoResolver>(chain[^1]);
        Assert.Single(chain.OfType<DefaultJsonTypeInfoResolver>());
    }

    [Fact]
    public void EveryListedView_ResolvesFromTheHttpContext()
    {
        var options = HostOptions;
        var context = HttpContext;
        var listed = JsonContracts.ListedTypes(context);

        Assert.Equal([typeof(RunAcceptedView), typeof(LinkedRunView), typeof(TradesPageView), typeof(HealthView)], listed);
        Assert.Empty(listed.Where(t => options.GetTypeInfo(t).OriginatingResolver != context).Select(t => t.Name));
        // what the views hold is generated too (the HTTP context holds what it reaches, e.g. a trades page's trades)
        Assert.IsAssignableFrom<JsonSerializerContext>(options.GetTypeInfo(typeof(TradeView)).OriginatingResolver);
        Assert.Same(WorkflowJson.Options.TypeInfoResolverChain[0], options.GetTypeInfo(typeof(MetricsView)).OriginatingResolver);
    }

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Serialize_View_WritesTheReflectionResolversBytes(string name)
    {
        var (type, value) = Samples[name];
        var reflection = JsonContracts.ReflectionOnly();

        string reflected = JsonSerializer.Serialize(value, type, reflection);

        Assert.Equal(reflected, JsonSerializer.Serialize(value, type, HostOptions));
        Assert.Equal(reflection.GetTypeInfo(type).Properties.Select(p => (p.Name, p.PropertyType)),
            HostOptions.GetTypeInfo(type).Properties.Select(p => (p.Name, p.PropertyType)));
    }

    [Fact]
    public async Task OpenApiDocument_IsTheReflectionOnlyHostsToTheByte()
    {
        using var reflectionHost = new LocalHostFactory(StorageBackend.Sqlite, LocalHostFactory.GenerousLimits,
            configureServices: s => s.PostConfigure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolver = new DefaultJsonTypeInfoResolver()));
        Assert.IsType<DefaultJsonTypeInfoResolver>(reflectionHost.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.TypeInfoResolver);

        string generated = await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        string reflected = await reflectionHost.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"RunAcceptedView\"", generated);
        Assert.Equal(reflected, generated);
    }

    private static readonly DateTime Start = new(2005, 1, 3, 0, 0, 0, DateTimeKind.Utc);

    private static readonly RunView Run = new()
    {
        BacktestId = "bt-1", Kind = RunKind.Backtest, Status = "completed", StrategyId = "sma_crossover", AssetSymbol = "GOOG", StartDate = Start,
        EndDate = Start.AddYears(8), InitialCapital = 10_000m, Parameters = JsonDocument.Parse("""{"fast_period":10,"slow_period":20}""").RootElement.Clone(),
        Progress = 100, CurrentDate = null, TradesExecuted = 47, CreatedAt = Start.AddYears(21), UpdatedAt = Start.AddYears(21), CompletedAt = Start.AddYears(21),
    };

    private static readonly TradeView Trade = new("bt-1-1", "2005-02-01T00:00:00Z", null, "long", 190.5m, null, 52.25m, -1.5m, null, 1m, "open", "open");

    private static (Type, object) Of<T>(T value) where T : notnull => (typeof(T), value);

    private static readonly Dictionary<string, (Type Type, object Value)> Samples = new()
    {
        ["accepted"] = Of(BacktestHandlers.Accepted(Run with { Status = "pending" })),
        ["run with links"] = Of(new LinkedRunView(Run, BacktestHandlers.Links("bt-1"))),
        ["research run with links"] = Of(new LinkedRunView(Run with { Kind = RunKind.Optimization, UnitsDone = 4, Unit = "cells", Error = "x" }, BacktestHandlers.Links("bt-2"))),
        ["trades page"] = Of(new TradesPageView("bt-1", [Trade, Trade with { Id = "bt-1-2", ExitDate = "2005-03-01T00:00:00Z", ExitPrice = 200m, Status = "closed" }], 47, 0, 2)),
        ["empty trades page"] = Of(new TradesPageView("bt-1", [], 0, 100, 100)),
        ["healthy"] = Of(new HealthView("healthy", "ok", 6)),
        ["unhealthy"] = Of(new HealthView("unhealthy", "unreachable", Error: "database unavailable")),
    };
}
