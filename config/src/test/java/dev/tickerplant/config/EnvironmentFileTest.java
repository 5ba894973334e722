package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines of a unit's EnvironmentFile= as systemd reads them. */
class EnvironmentFileTest {
    @Test
    void readsAssignmentsAndSkipsCommentsAndBlankLines() {
        assertEquals(Map.of("TICKERPLANT_AUTH_TOKEN", "abc=def", "TICKERPLANT_LOG_LEVEL", "DEBUG",
                        "TICKERPLANT_CONFIG", "/etc/tickerplant/x.conf", "EMPTY", ""),
                EnvironmentFile.parse(List.of("# secrets", "; also a comment", "",
                        "TICKERPLANT_AUTH_TOKEN=abc=def", "  TICKERPLANT_LOG_LEVEL = \"DEBUG\"  ",
                        "TICKERPLANT_CONFIG='/etc/tickerplant/x.conf'", "EMPTY=", "not an assignment")));
    }
}
