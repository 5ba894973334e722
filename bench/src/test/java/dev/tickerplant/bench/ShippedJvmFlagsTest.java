package dev.tickerplant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every launcher of the daemon starts it with the same JVM options (scripts/run, both systemd units, and the bench's,
 * which is what the resident-memory figures were measured with), and those options bound the memory the JVM may
 * hold: a heap cap near three times the live heap, given back when idle, and glibc's freed memory returned.
 */
class ShippedJvmFlagsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern RUN_OPTS = Pattern.compile("(?m)^java_opts=\\((.*)\\)$");
    private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=\\S+/java (.*?) -jar ");

    @Test
    void everyLauncherCarriesTheBenchmarkedFlags() throws IOException {
        Map<String, List<String>> launchers = Map.of(
                "scripts/run", options(RUN_OPTS, "scripts/run"),
                "scripts/tickerplant.service", options(EXEC_START, "scripts/tickerplant.service"),
                "scripts/tickerplant@.service", options(EXEC_START, "scripts/tickerplant@.service"));
        launchers.forEach((file, options) -> assertEquals(RunContext.DAEMON_JVM, options,
                file + " starts the daemon with other JVM options than the bench measured (RunContext.DAEMON_JVM)"));
    }

    @Test
    void theFlagsBoundWhatTheJvmMayHoldAndGiveItBack() {
        List<String> jvm = RunContext.DAEMON_JVM;
        long maxHeapMb = megabytes(single(jvm, "-Xmx"));
        assertTrue(maxHeapMb <= 128, "-Xmx" + maxHeapMb + "m: the heap may grow beyond what 150 MB resident leaves it"
                + " (expected: at most 128m, near three times the live heap)");
        assertTrue(jvm.stream().anyMatch(o -> o.matches("-XX:TrimNativeHeapInterval=[1-9][0-9]*")),
                "no -XX:TrimNativeHeapInterval: memory glibc keeps after the JIT frees it stays resident");
        assertTrue(jvm.stream().anyMatch(o -> o.matches("-XX:MaxHeapFreeRatio=[0-9]+")),
                "no -XX:MaxHeapFreeRatio: a heap that grew under a burst is never given back");
        assertTrue(jvm.contains("-XX:TieredStopAtLevel=1"),
                "no -XX:TieredStopAtLevel=1: C2's compiler arenas lift the resident peak above 150 MB");
    }

    @Test
    void everyLauncherLimitsMallocArenas() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("scripts/run")).contains("MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\""),
                "scripts/run: no MALLOC_ARENA_MAX default of 2");
        for (String unit : List.of("scripts/tickerplant.service", "scripts/tickerplant@.service")) {
            assertTrue(Files.readString(ROOT.resolve(unit)).contains("\nEnvironment=MALLOC_ARENA_MAX=2\n"),
                    unit + ": no Environment=MALLOC_ARENA_MAX=2");
        }
    }

    private static List<String> options(Pattern pattern, String file) throws IOException {
        Matcher m = pattern.matcher(Files.readString(ROOT.resolve(file)));
        assertTrue(m.find(), file + ": no line of JVM options matching " + pattern);
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    private static String single(List<String> options, String prefix) {
        List<String> found = options.stream().filter(o -> o.startsWith(prefix)).toList();
        assertEquals(1, found.size(), "options starting with " + prefix + ": " + found);
        return found.get(0).substring(prefix.length());
    }

    private static long megabytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long number = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'm' -> number;
            case 'g' -> number * 1024;
            default -> throw new IllegalArgumentException("size " + size + " (expected: <n>m or <n>g)");
        };
    }
}
