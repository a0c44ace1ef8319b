using System.Runtime.InteropServices;
using Backtesting.Engine.Memory;
using Backtesting.Engine.Optimization;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// <see cref="HugePages.Prefault(nint, long)"/> maps fresh memory in with one call, so its first writes take no page
/// faults (a grid's series and worker buffers, reserved ahead). Counted with the calling thread's own minor faults, so
/// other tests running at the same time do not count.
/// </summary>
public sealed class PrefaultTests
{
    private const int Bytes = 16 << 20; // malloc serves this with a fresh mapping: every page is unmapped until written
    private const int Page = 4096;

    [Fact]
    public void Prefault_FreshMemory_ItsWritesTakeNoPageFaults()
    {
        // control: the same writes on fresh memory fault once per 4 KB page (4,096 pages; the kernel grants no huge
        // pages to memory nobody advised, in its madvise mode)
        long control = FaultsWritingEveryPage(prefault: false);
        long prefaulted = FaultsWritingEveryPage(prefault: true);

        Assert.True(control >= Bytes / Page / 2, $"control: {control} faults");
        Assert.True(prefaulted <= 16, $"after Prefault: {prefaulted} faults");
    }

    [Fact]
    public void Prefault_LeavesContentsAsTheyWere()
    {
        var values = new double[300_000];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.5;

        HugePages.Prefault(values);

        for (int i = 0; i < values.Length; i++) Assert.Equal(i * 0.5, values[i]);
    }

    [Fact]
    public void Prefault_WritesBackEveryPage_ContentsOfAnUnalignedOddLengthRangeStayAsTheyWere()
    {
        // a worker's signals are sbyte arrays: the range starts mid-page and ends mid-page, and every page it touches
        // (its first byte, then each later page's first) is written back as it was
        var signals = new sbyte[3 * Page + 17];
        for (int i = 0; i < signals.Length; i++) signals[i] = (sbyte)(i % 251 - 125);

        HugePages.Prefault(signals);

        for (int i = 0; i < signals.Length; i++) Assert.Equal((sbyte)(i % 251 - 125), signals[i]);
    }

    private static long FaultsWritingEveryPage(bool prefault)
    {
        nint memory = Marshal.AllocHGlobal(Bytes);
        try
        {
            if (prefault) HugePages.Prefault(memory, Bytes);
            long before = ThreadMinorFaults();
            for (int offset = 0; offset < Bytes; offset += Page) Marshal.WriteByte(memory, offset, 1);
            return ThreadMinorFaults() - before;
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }

    private static long ThreadMinorFaults() => ThreadUsage.Read().MinorFaults;
}
