using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IBlobStore"/> does, run against Azurite and the filesystem.</summary>
public abstract class BlobStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : BlobFixture
{
    protected TFixture Fixture { get; } = fixture;

    private static string NewName(string folder = "curves") => $"{folder}/bt-{Guid.NewGuid():N}.bin";

    [Fact]
    public async Task PutAsync_ThenGetAsync_ReturnsTheBytesAndTheReference()
    {
        string name = NewName();
        byte[] content = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31))];

        string reference = await Fixture.Store.PutAsync(name, content);
        byte[]? read = await Fixture.Store.GetAsync(reference);

        Assert.Equal(name, reference);
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task PutAsync_ExistingName_Overwrites()
    {
        string name = NewName();
        await Fixture.Store.PutAsync(name, new byte[] { 1, 2, 3 });

        await Fixture.Store.PutAsync(name, new byte[] { 9 }, "application/json");

        Assert.Equal([9], await Fixture.Store.GetAsync(name));
    }

    [Fact]
    public async Task PutAsync_EmptyContent_RoundTrips()
    {
        string name = NewName("payloads/cells");

        await Fixture.Store.PutAsync(name, ReadOnlyMemory<byte>.Empty);

        byte[]? read = await Fixture.Store.GetAsync(name);
        Assert.NotNull(read);
        Assert.Empty(read);
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Fixture.Store.GetAsync(NewName("never-written-folder")));
    }

    [Fact]
    public async Task DeleteAsync_Existing_ReturnsTrueAndRemoves_Missing_ReturnsFalse()
    {
        string name = NewName();
        await Fixture.Store.PutAsync(name, new byte[] { 1 });

        Assert.True(await Fixture.Store.DeleteAsync(name));
        Assert.Null(await Fixture.Store.GetAsync(name));
        Assert.False(await Fixture.Store.DeleteAsync(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("../escape")]
    [InlineData("curves/./x")]
    [InlineData("back\\slash")]
    [InlineData("space name")]
    public async Task InvalidName_IsRejectedByEveryMethod(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Store.PutAsync(name, new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Store.GetAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Store.DeleteAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Store.DeleteFolderAsync(name));
    }

    [Fact]
    public async Task DeleteFolderAsync_RemovesEveryBlobBelowIt_AndNothingBeside()
    {
        string run = $"runs/bt-{Guid.NewGuid():N}";
        string[] inside = [.. Enumerable.Range(0, 60).Select(b => $"{run}/batches/{b:D5}"), $"{run}/chunks/00000.eqc", $"{run}/cells.json"];
        string[] beside = [$"{run}0/batches/00000", $"{run}.json", $"curves/{run[5..]}.eqc"];
        await Task.WhenAll(inside.Concat(beside).Select(name => Fixture.Store.PutAsync(name, new byte[] { 7 })));

        Assert.Equal(inside.Length, await Fixture.Store.DeleteFolderAsync(run));

        foreach (string name in inside)
            Assert.Null(await Fixture.Store.GetAsync(name));
        foreach (string name in beside)
            Assert.Equal([7], await Fixture.Store.GetAsync(name));
        Assert.Equal(0, await Fixture.Store.DeleteFolderAsync(run));
        await Fixture.Store.PutAsync($"{run}/batches/00002", new byte[] { 8 }); // the folder can be used again
        Assert.Equal([8], await Fixture.Store.GetAsync($"{run}/batches/00002"));
        Assert.Equal(0, await Fixture.Store.DeleteFolderAsync("never-written-folder/x"));
    }

    [Fact]
    public async Task PutAsync_ConcurrentWritersOfOneName_LeaveOneWholeBlob()
    {
        string name = NewName();
        var contents = Enumerable.Range(1, 6).Select(i => Enumerable.Repeat((byte)i, 50_000).ToArray()).ToList();

        await Task.WhenAll(contents.Select(c => Fixture.Store.PutAsync(name, c)));

        byte[] read = (await Fixture.Store.GetAsync(name))!;
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(read));
    }
}
