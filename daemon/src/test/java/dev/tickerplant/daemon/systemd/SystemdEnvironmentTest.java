package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NOTIFY_SOCKET and WATCHDOG_USEC as systemd sets them, and as it does not. */
class SystemdEnvironmentTest {
    private static final String OWN_PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void readsTheSocketAndTheWatchdogInterval() {
        SystemdEnvironment env = SystemdEnvironment.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify",
                "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", OWN_PID));
        assertEquals(new SystemdEnvironment("/run/systemd/notify", Optional.of(Duration.ofSeconds(30))), env);
    }

    @Test
    void noVariablesMeansNothingToNotify() {
        assertEquals(SystemdEnvironment.NONE, SystemdEnvironment.from(Map.of()));
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsNotOurs() {
        assertEquals(Optional.empty(), SystemdEnvironment.from(Map.of("NOTIFY_SOCKET", "@x",
                "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1")).watchdogInterval());
    }

    @Test
    void anIntervalThatIsNotAPositiveNumberIsIgnored() {
        for (String bad : new String[] {"0", "-5", "30s", ""}) {
            assertEquals(Optional.empty(), SystemdEnvironment.from(Map.of("WATCHDOG_USEC", bad)).watchdogInterval(),
                    bad);
        }
    }
}
