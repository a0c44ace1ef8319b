namespace Backtesting.Cli.Tests;

/// <summary>
/// <c>backtest mcp</c>'s input checks; the server itself is driven over stdio by the official TypeScript client in
/// Backtesting.Mcp.Tests (McpStdioServerTests).
/// </summary>
public sealed class McpCommandTests
{
    [Fact]
    public void Mcp_BadUser_ExitsTwoNamingTheOptionBeforeServing()
    {
        var (code, output, error) = CliRunner.Run("mcp", "--user", "not a user!");

        Assert.Equal(CliApplication.BadInput, code);
        Assert.Contains("--user", error);
        Assert.Contains("must be 1-64 letters, digits, '-', '_' or '.'", error);
        Assert.Equal("", output); // stdout belongs to the protocol: nothing else is ever written there
    }

    [Fact]
    public void Mcp_UnknownOption_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("mcp", "--port", "5080");

        Assert.Equal(CliApplication.BadInput, code);
        Assert.Contains("--port", error);
    }
}
