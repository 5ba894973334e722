package dev.tickerplant.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tickerplant.daemon.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Levels set through logback, reported before and after, logged once; bad levels and names change nothing. */
class LogLevelsTest {
    private static final String NAME = "dev.tickerplant.test.LogLevelsTarget";
    private final Logger target = (Logger) LoggerFactory.getLogger(NAME);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final LogLevels levels = new LogLevels();

    @AfterEach
    void restore() {
        target.setLevel(null);
        root.setLevel(rootLevel);
    }

    @Test
    void aLoggersLevelIsSetReportedAndLoggedOnce() {
        try (LogCapture log = LogCapture.ofEverything()) {
            LogLevelReport report = levels.set(NAME, "debug");

            assertEquals(new LogLevelReport(NAME, "INFO", "DEBUG"), report, "was: the effective level, from root");
            assertEquals(Level.DEBUG, target.getLevel());
            assertTrue(target.isDebugEnabled());
            assertEquals(List.of("INFO " + LogLevels.class.getName() + " - log level of " + NAME
                    + ": INFO -> DEBUG (admin API)"), lines(log));
        }
    }

    @Test
    void theRootLoggerGoesByEitherName() {
        try (LogCapture log = LogCapture.ofEverything()) {
            assertEquals(new LogLevelReport("ROOT", "INFO", "WARN"), levels.set("root", "WARN"));
            assertEquals(Level.WARN, root.getLevel());

            assertEquals(new LogLevelReport("ROOT", "WARN", "INFO"), levels.set("ROOT", "Info"));
            assertEquals(Level.INFO, root.getLevel());

            // Silencing INFO is said before it takes effect, and bringing INFO back after: both changes are on record.
            assertEquals(List.of(
                    "INFO " + LogLevels.class.getName() + " - log level of ROOT: INFO -> WARN (admin API)",
                    "INFO " + LogLevels.class.getName() + " - log level of ROOT: WARN -> INFO (admin API)"),
                    lines(log));
        }
    }

    @Test
    void anUnknownLevelIsRefusedWithTheLevelsThereAre() {
        AdminException e = assertThrows(AdminException.class, () -> levels.set(NAME, "verbose\n"));

        assertEquals(400, e.status());
        assertEquals("bad_level", e.code());
        assertEquals("unknown level \"verbose\\n\": expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (any case)",
                e.getMessage());
        assertEquals(LogLevels.LEVELS, e.details().get("expected"));
        assertNull(target.getLevel(), "unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "dev..tickerplant", ".dev", "dev.", "1dev", "dev tickerplant", "dev/ingest",
            "dev.tickerplant.\u00e9"})
    void aBadLoggerNameIsRefused(String name) {
        AdminException e = assertThrows(AdminException.class, () -> levels.set(name, "DEBUG"));

        assertEquals(400, e.status());
        assertEquals("bad_logger", e.code());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    }

    @Test
    void aLoggerNameHasAtMost200Characters() {
        String longest = "a".repeat(LogLevels.MAX_LOGGER_CHARS);
        try {
            assertEquals("DEBUG", levels.set(longest, "DEBUG").now());
        } finally {
            ((Logger) LoggerFactory.getLogger(longest)).setLevel(null);
        }

        AdminException e = assertThrows(AdminException.class, () -> levels.set(longest + "a", "DEBUG"));
        assertEquals("bad_logger", e.code());
    }

    @Test
    void nestedClassesAndOffAreAccepted() {
        assertEquals(new LogLevelReport(NAME + "$Inner", "INFO", "OFF"), levels.set(NAME + "$Inner", "off"));
        ((Logger) LoggerFactory.getLogger(NAME + "$Inner")).setLevel(null);
    }

    private static List<String> lines(LogCapture log) {
        return log.linesAtLeast(Level.TRACE).stream().filter(line -> line.contains("log level of")).toList();
    }
}
