package dev.tickerplant.daemon.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What systemd tells a {@code Type=notify} service through its environment: where to send notifications and how often
 * it expects a watchdog ping. Read once in {@code Main}; tests build one with their own socket and interval.
 *
 * @param notifySocket     {@code $NOTIFY_SOCKET}: a path, or {@code @name} in the abstract namespace; empty for none
 * @param watchdogInterval {@code $WATCHDOG_USEC}: the unit's {@code WatchdogSec}; empty when there is no watchdog
 */
public record SystemdEnvironment(String notifySocket, Optional<Duration> watchdogInterval) {
    private static final Logger log = LoggerFactory.getLogger(SystemdEnvironment.class);

    /** Not run by systemd: nothing is sent. */
    public static final SystemdEnvironment NONE = new SystemdEnvironment("", Optional.empty());

    public SystemdEnvironment {
        notifySocket = notifySocket == null ? "" : notifySocket;
        watchdogInterval = watchdogInterval == null ? Optional.empty() : watchdogInterval;
        watchdogInterval.ifPresent(interval -> {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("watchdogInterval: " + interval + " (expected: > 0)");
            }
        });
    }

    /**
     * From the process environment. The watchdog applies only to the process {@code $WATCHDOG_PID} names, when it
     * names one (a child started with the same environment must not ping for its parent); a value that is not a
     * positive number of microseconds is logged and ignored.
     */
    public static SystemdEnvironment from(Map<String, String> env) {
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        Optional<Duration> watchdog = Optional.empty();
        if (usec != null && !usec.isEmpty()
                && (pid == null || pid.isEmpty() || pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            try {
                long micros = Long.parseLong(usec);
                if (micros <= 0) {
                    throw new NumberFormatException();
                }
                watchdog = Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1_000L)));
            } catch (NumberFormatException | ArithmeticException e) {
                log.warn("WATCHDOG_USEC=\"{}\" is not a positive number of microseconds: no watchdog pings are sent"
                        + " (set WatchdogSec= in the unit, not the variable)", usec);
            }
        }
        return new SystemdEnvironment(env.getOrDefault("NOTIFY_SOCKET", ""), watchdog);
    }
}
