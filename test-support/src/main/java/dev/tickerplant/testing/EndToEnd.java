package dev.tickerplant.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that needs real seconds or other processes: whole daemons against the simulator, upstream sessions on real
 * timers, nats-server clusters, Chromium, Node clients, daemons in JVMs of their own. Left out of {@code mvn verify}
 * (which keeps to tests that finish on loopback in a second or two, so the suite stays a two-minute loop) and run by
 * {@code mvn -Pend-to-end verify}, which CI runs after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(EndToEnd.TAG)
public @interface EndToEnd {
    /** The JUnit tag the build selects on. */
    String TAG = "end-to-end";
}
