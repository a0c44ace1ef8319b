using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IJobJournal"/> does, run against each backend.</summary>
public abstract class JobJournalContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    private async Task<string> NewRunAsync()
    {
        var run = await Fixture.CreateRunAsync();
        return run.Id;
    }

    [Fact]
    public async Task RecordAsync_ThenLoadAsync_ReturnsEveryEntryByKey()
    {
        string runId = await NewRunAsync();
        string otherRun = await NewRunAsync();

        await Fixture.Journal.RecordAsync(runId, "chunk:0", """{"equity":[1,2,3]}""");
        await Fixture.Journal.RecordAsync(runId, "chunk:1", "  text kept exactly  ");
        await Fixture.Journal.RecordAsync(otherRun, "chunk:0", "other");

        var entries = await Fixture.Journal.LoadAsync(runId);

        Assert.Equal(2, entries.Count);
        Assert.Equal("""{"equity":[1,2,3]}""", entries["chunk:0"]);
        Assert.Equal("  text kept exactly  ", entries["chunk:1"]);
    }

    [Fact]
    public async Task RecordAsync_SameKeyTwice_KeepsTheFirst()
    {
        string runId = await NewRunAsync();

        await Fixture.Journal.RecordAsync(runId, "cell:7", "first");
        await Fixture.Journal.RecordAsync(runId, "cell:7", "second");

        Assert.Equal("first", (await Fixture.Journal.LoadAsync(runId))["cell:7"]);
    }

    [Fact]
    public async Task RecordAsync_Batch_StoresEveryEntry_KeepingTheFirstOfAKeyAlreadyThere()
    {
        string runId = await NewRunAsync();
        await Fixture.Journal.RecordAsync(runId, "b", "first");

        await Fixture.Journal.RecordAsync(runId, [KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "second"), KeyValuePair.Create("c", "  3  ")]);
        await Fixture.Journal.RecordAsync(runId, []);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "first", ["c"] = "  3  " }, (await Fixture.Journal.LoadAsync(runId)).OrderBy(e => e.Key).ToDictionary());
    }

    [Fact]
    public async Task RecordAsync_ConcurrentSameKey_KeepsOneWithoutError()
    {
        string runId = await NewRunAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Fixture.Journal.RecordAsync(runId, "k", "v" + i)));

        var entries = await Fixture.Journal.LoadAsync(runId);
        Assert.Single(entries);
        Assert.StartsWith("v", entries["k"]);
    }

    [Fact]
    public async Task ClearAsync_RemovesOnlyThatRunsEntries()
    {
        string runId = await NewRunAsync();
        string otherRun = await NewRunAsync();
        await Fixture.Journal.RecordAsync(runId, "a", "1");
        await Fixture.Journal.RecordAsync(otherRun, "a", "2");

        await Fixture.Journal.ClearAsync(runId);

        Assert.Empty(await Fixture.Journal.LoadAsync(runId));
        Assert.Equal("2", (await Fixture.Journal.LoadAsync(otherRun))["a"]);
    }

    [Fact]
    public async Task LoadAsync_NothingRecorded_ReturnsEmpty()
    {
        Assert.Empty(await Fixture.Journal.LoadAsync("bt-missing"));
    }
}
