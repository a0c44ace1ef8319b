using System.Diagnostics;
using System.Reflection;
using Backtesting.Application.Users;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Resources;
using Backtesting.Mcp.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp;

/// <summary>
/// Registers the MCP server (tools, resources) over stateless Streamable HTTP (<see cref="McpEndpointMappingExtensions.MapMcpEndpoint"/>,
/// or <see cref="McpHttpHandler"/>), or over stdio; the host adds the Application services.
/// </summary>
public static class McpServiceCollectionExtensions
{
    public const string ServerName = "backtesting";

    /// <param name="services">The host's services, with the Application use cases registered.</param>
    /// <param name="configuration">Section "Backtesting:Mcp" (<see cref="McpEndpointOptions"/>).</param>
    /// <param name="authenticate">
    /// The host's caller check for requests its own pipeline did not admit (e.g. the REST API's, so both accept the same
    /// keys and modes); a null user is answered 401.
    /// </param>
    public static IServiceCollection AddBacktestingMcp(this IServiceCollection services, IConfiguration configuration, Func<HttpContext, Task<User?>> authenticate)
    {
        ArgumentNullException.ThrowIfNull(authenticate);
        services.Configure<McpEndpointOptions>(configuration.GetSection(McpEndpointOptions.SectionName));
        services.TryAddSingleton<IMcpCallerAuthenticator>(new DelegateCallerAuthenticator(authenticate));
        services.TryAddSingleton<McpRequestChecks>();
        services.TryAddSingleton<McpServerWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<McpServerWarmUp>());
        services.AddRouting();

        services.AddBacktestingMcpServer(server => server.WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.Stateless));
        return services;
    }

    /// <summary>
    /// <see cref="McpHttpHandler"/>, for a host that cannot map endpoints in its own HTTP pipeline and calls the handler
    /// instead (the Functions app's HTTP trigger); with <see cref="AddBacktestingMcp"/>.
    /// </summary>
    public static IServiceCollection AddBacktestingMcpHandler(this IServiceCollection services)
    {
        services.TryAddSingleton<McpHttpHandler>();
        // the handler's routing middleware takes the DiagnosticListener a web host registers; a host without one (the
        // Durable worker process shares the Functions app's registrations) gets the same listener here
        services.TryAddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        return services;
    }

    /// <summary>
    /// The same server over stdio (one session: the process that started this one), for desktop agents. There is no
    /// key: the caller is <paramref name="userId"/>, the account of whoever could start the process; nothing
    /// listens on the network. The host runs the stdio transport's hosted service and must log to stderr only.
    /// </summary>
    /// <param name="services">The host's services, with the Application use cases registered.</param>
    /// <param name="userId">The user every request acts as; it must exist in the user store.</param>
    public static IServiceCollection AddBacktestingMcpStdio(this IServiceCollection services, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        services.AddBacktestingMcpServer(server => server.WithStdioServerTransport())
            .WithMessageFilters(filters => filters.AddIncomingFilter(McpCaller.ActAs(userId)));
        return services;
    }

    /// <summary>One catalogue for every transport: server info, instructions, <paramref name="transport"/>, tools, resources and the tool-call filter.</summary>
    private static IMcpServerBuilder AddBacktestingMcpServer(this IServiceCollection services, Func<IMcpServerBuilder, IMcpServerBuilder> transport) =>
        transport(services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = ServerName,
                    Title = "Backtesting engine",
                    Version = (typeof(McpHttpHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0").Split('+')[0],
                };
                options.ServerInstructions = Instructions;
            }))
            .WithBacktestingTools()
            .WithResources<BacktestResources>()
            .WithResources<SessionResources>()
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolCallFilter.Wrap));

    private const string Instructions =
        "Backtests trading strategies on stored historical bars. Typical flow: list_strategies and list_assets to pick a strategy and an asset; "
        + "validate_strategy to check parameters; run_backtest (with wait_seconds for short runs) to start one; get_backtest_status while it runs; "
        + "get_backtest_results (paged trades, downsampled equity curve) and get_metrics for its numbers. Returns and ratios are fractions, "
        + "not percent. Orders decided at a bar's close fill at the next bar's open. You see only your own backtests. "
        + "Research jobs: run_optimization (grid search), run_walk_forward (out-of-sample check of a grid search), run_monte_carlo (how much is luck), "
        + "run_portfolio_backtest (several assets, one cash account) and compare_strategies (side by side, ranked, correlated) answer like run_backtest; "
        + "get_research_results reads their summaries. "
        + "Your own strategies: create_strategy stores rules under an id you choose, usable wherever a built-in id is; validate_strategy checks "
        + "a definition first, delete_strategy removes one. " + Tools.StrategyTools.LanguageGuide;
}
