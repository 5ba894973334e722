package dev.tickerplant.bench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing what /proc, the GC log and jstat print. */
class ProcessFiguresTest {

    @Test
    void cpuTimeIsUserPlusSystemEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 2731 0 0 0 150 25 0 0 20 0 31 0 9146 "
                + "3894710272 30163 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";
        assertEquals((150 + 25) * 10_000_000L, ProcFs.cpuNanos(stat));
        assertEquals(123456, ProcFs.kilobytes("Name:\tjava\nVmHWM:\t  200000 kB\nVmRSS:\t  123456 kB\n", "VmRSS"));
    }

    @Test
    void theOwnProcessCanBeSampled() {
        ProcFs.Sample sample = ProcFs.sample(ProcessHandle.current().pid());
        assertTrue(sample.rssBytes() > 0 && sample.peakRssBytes() >= sample.rssBytes(), sample.toString());
        assertTrue(sample.cpuNanos() > 0, sample.toString());
    }

    @Test
    void gcPausesAreCountedInsideTheWindowOnly() {
        List<GcLog.Pause> pauses = GcLog.pauses(List.of(
                "[0.012s][info][gc] Using Serial",
                "[1.500s][info][gc] GC(0) Pause Young (Allocation Failure) 8M->2M(30M) 3.250ms",
                "[5.250s][info][gc] GC(1) Pause Young (Allocation Failure) 9M->2M(30M) 1.750ms",
                "[9.000s][info][gc] GC(2) Pause Full (System.gc()) 9M->1M(30M) 12.000ms"));
        assertEquals(3, pauses.size());
        GcLog.Summary window = GcLog.within(pauses, 1.0, 6.0);
        assertEquals(2, window.count());
        assertEquals(5.0, window.totalMillis(), 1e-9);
        assertEquals(3.25, window.maxMillis(), 1e-9);
    }

    @Test
    void jstatColumnsAreReadByName() {
        var columns = JdkTools.parseJstat(
                " S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC "
                        + "    YGCT    FGC    FGCT    CGC    CGCT     GCT\n"
                        + " 1088.0 1088.0  0.0   512.5   8768.0   4096.0   21888.0    10000.0  30000.0 29000.0 3000.0 "
                        + "2800.0      7     0.021   0      0.000   -          -    0.021\n");
        assertEquals(512.5, columns.get("S1U"));
        assertEquals(10000.0, columns.get("OU"));
        assertEquals(7.0, columns.get("YGC"));
    }

    @Test
    void threadPoolNumbersAreFoldedIntoTheirGroup() {
        assertEquals("upstream", FlightRecording.threadGroup("upstream-2-1"));
        assertEquals("tick-consumer", FlightRecording.threadGroup("tick-consumer-3-1"));
        assertEquals("main", FlightRecording.threadGroup("main"));
    }
}
