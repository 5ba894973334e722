package dev.tickerplant.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for every test JVM, set once when JUnit starts (registered as a service): check at once and
 * then every 10 ms, as the waits are for loopback events that take milliseconds; give up after {@link #WAIT}, which a
 * loaded two-core machine keeps; and evaluate conditions on the test's own thread, so a condition may touch what the
 * test thread owns (an embedded channel, a client it reads from) as it always could.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {
    public static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        Awaitility.setDefaultTimeout(WAIT);
        Awaitility.pollInSameThread();
    }
}
