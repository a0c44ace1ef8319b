using System.Runtime.InteropServices;
using Backtesting.Engine.Optimization;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// <see cref="ThreadUsage"/> reads the calling thread's own CPU time and minor faults: what the grid trace reports per
/// worker and the page-fault tests count (Linux, as this project runs).
/// </summary>
public sealed class ThreadUsageTests
{
    [Fact]
    public void Read_AfterWritingFreshPagesOnThisThread_CountsTheirFaultsAndTheCpuTimeSpent()
    {
        const int bytes = 8 << 20, page = 4096;
        // a fresh anonymous mapping, never written: each 4 KB page faults at its first write (malloc may hand out pages an
        // earlier test already touched: glibc raises its mmap threshold to the size of a freed mapping)
        nint memory = mmap(0, bytes, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        Assert.NotEqual(-1, memory);
        try
        {
            var before = ThreadUsage.Read();
            for (int offset = 0; offset < bytes; offset += page) Marshal.WriteByte(memory, offset, 1);
            var after = ThreadUsage.Read();

            // 2,048 pages written: at least half of them fault even if the kernel granted some huge pages
            Assert.True(after.MinorFaults - before.MinorFaults >= bytes / page / 2, $"faults: {after.MinorFaults - before.MinorFaults}");
            Assert.True(after.CpuMicroseconds > before.CpuMicroseconds, $"cpu: {before.CpuMicroseconds} -> {after.CpuMicroseconds} µs");
        }
        finally
        {
            Assert.Equal(0, munmap(memory, bytes));
        }
    }

    private const int ProtReadWrite = 3; // PROT_READ | PROT_WRITE
    private const int MapPrivateAnonymous = 0x22; // MAP_PRIVATE | MAP_ANONYMOUS

    [DllImport("libc")]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc")]
    private static extern int munmap(nint address, nuint length);
}
