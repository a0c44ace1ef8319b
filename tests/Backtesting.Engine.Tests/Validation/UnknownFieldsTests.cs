using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Validation;

/// <summary>The one rule for names a receiver does not know: each named, with the nearest known name when close.</summary>
public sealed class UnknownFieldsTests
{
    private static readonly string[] Known = ["strategy_id", "asset_symbol", "parameters", "chunks"];

    [Fact]
    public void Check_MisspeltAndForeignNames_EachNamedInOrderWithNearestWhenClose()
    {
        var errors = UnknownFields.Check(["strategy_id", "paramters", "colour"], Known);

        // paramters: one deletion from parameters; colour: no known name within two edits
        Assert.Equal(["paramters", "colour"], errors.Select(e => e.Field));
        Assert.Equal("is not a known field (did you mean 'parameters'?); allowed: strategy_id, asset_symbol, parameters, chunks", errors[0].Message);
        Assert.Equal("is not a known field; allowed: strategy_id, asset_symbol, parameters, chunks", errors[1].Message);
    }

    [Fact]
    public void Check_OnlyKnownNames_NoErrors() =>
        Assert.Empty(UnknownFields.Check(["chunks", "parameters"], Known));

    [Fact]
    public void Check_IsCaseSensitive_LikeTheSnakeCaseWireFormat() =>
        Assert.Contains("(did you mean 'chunks'?)", UnknownFields.Check(["Chunks"], Known).Single().Message);
}
