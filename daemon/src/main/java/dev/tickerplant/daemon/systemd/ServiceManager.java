package dev.tickerplant.daemon.systemd;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps systemd told, for a {@code Type=notify} unit: {@code READY=1} once /health first says ready (or, after the
 * start-up timeout, with a {@code STATUS=} saying why not), {@code STATUS=} once per status interval,
 * {@code WATCHDOG=1} at half the watchdog interval while {@link LivenessProbe} finds the daemon working,
 * {@code RELOADING=1} and {@code READY=1} around a reload, {@code STOPPING=1} at close. Does nothing when the daemon
 * was not started with {@code $NOTIFY_SOCKET}.
 */
public final class ServiceManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceManager.class);
    private static final long READINESS_POLL_MILLIS = 200;

    private final NotifySink sink;
    private final ServiceFigures figures;
    private final LivenessProbe probe;
    private final Duration readyTimeout;
    private final ScheduledExecutorService timer;
    /** Measures the start-up timeout; a test's own clock in the unit tests. */
    private final LongSupplier nanoTime;
    private final long startedNanos;
    private volatile boolean ready;
    private volatile boolean closed;
    private String lastLivenessFailure;

    /**
     * Schedules nothing: {@link #start} does that; a unit test calls the steps itself, on a clock of its own.
     *
     * @param nanoTime the clock the start-up timeout is measured on
     */
    ServiceManager(NotifySink sink, ServiceFigures figures, Duration readyTimeout, LongSupplier nanoTime) {
        this.sink = sink;
        this.figures = figures;
        this.probe = new LivenessProbe(figures);
        this.readyTimeout = readyTimeout;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("systemd", true));
    }

    /**
     * @param statusInterval how often {@code STATUS=} is refreshed (the health-log interval)
     * @param readyTimeout   how long to wait for /health to say ready before telling systemd the start is done anyway
     */
    public static ServiceManager start(SystemdEnvironment env, ServiceFigures figures, Duration statusInterval,
                                       Duration readyTimeout) {
        NotifySink sink = NotifySocket.open(env.notifySocket());
        ServiceManager manager = new ServiceManager(sink, figures, readyTimeout, System::nanoTime);
        if (sink != NotifySink.NONE) {
            manager.schedule(statusInterval, env);
        }
        return manager;
    }

    private void schedule(Duration statusInterval, SystemdEnvironment env) {
        timer.scheduleWithFixedDelay(this::announceReadiness, 0, READINESS_POLL_MILLIS, TimeUnit.MILLISECONDS);
        long every = statusInterval.toMillis();
        timer.scheduleAtFixedRate(this::refreshStatus, every, every, TimeUnit.MILLISECONDS);
        env.watchdogInterval().ifPresent(interval -> {
            // Half the interval, as sd_watchdog_enabled(3) advises; a quarter for the check itself, so a slow answer
            // is a failed check rather than a late ping.
            long period = Math.max(1, interval.toNanos() / 2);
            Duration within = interval.dividedBy(4);
            timer.scheduleAtFixedRate(() -> pingIfAlive(within), 0, period, TimeUnit.NANOSECONDS);
            log.info("systemd watchdog: {} ms, pinged every {} ms while every event loop and the ring consumer work",
                    interval.toMillis(), TimeUnit.NANOSECONDS.toMillis(period));
        });
    }

    /** One readiness poll: READY=1 once, when /health first says ready or the start-up timeout has passed. */
    void announceReadiness() {
        if (ready || closed) {
            return;
        }
        String health = figures.healthStatus();
        if ("ready".equals(health)) {
            ready = true;
            tell("READY=1\nSTATUS=" + figures.statusLine());
            log.info("told systemd: ready");
        } else if (nanoTime.getAsLong() - startedNanos >= readyTimeout.toNanos()) {
            ready = true;
            String why = "Not ready after " + readyTimeout.toSeconds() + " s (health " + health + "): "
                    + figures.statusLine();
            tell("READY=1\nSTATUS=" + why);
            log.warn("told systemd the start is done, though: {}", why);
        }
    }

    void refreshStatus() {
        if (!closed) {
            tell("STATUS=" + (ready ? "" : "Starting: ") + figures.statusLine());
        }
    }

    /** One watchdog tick: WATCHDOG=1 only if the liveness probe passes within {@code within}. */
    void pingIfAlive(Duration within) {
        if (closed) {
            return;
        }
        String failure = probe.check(within);
        if (failure == null) {
            tell("WATCHDOG=1");
            if (lastLivenessFailure != null) {
                log.info("liveness restored: systemd watchdog pings resumed");
            }
        } else if (!failure.equals(lastLivenessFailure)) {
            log.warn("no systemd watchdog ping: {}", failure);
        }
        lastLivenessFailure = failure;
    }

    /** Before a reload's work: systemd 253+ wants the monotonic time of the request with it. */
    public void reloading() {
        // System.nanoTime() reads CLOCK_MONOTONIC on Linux, the clock systemd compares MONOTONIC_USEC with.
        tell("RELOADING=1\nMONOTONIC_USEC=" + TimeUnit.NANOSECONDS.toMicros(System.nanoTime()));
    }

    /** After a reload, whatever its outcome: the daemon runs on, with {@code status} for systemctl. */
    public void reloaded(String status) {
        tell("READY=1\nSTATUS=" + status);
    }

    /**
     * Sends unless closed; under the same lock as {@link #close()}, so a check that started before the close (a
     * watchdog probe takes a while) cannot send after {@code STOPPING=1}.
     */
    private synchronized void tell(String message) {
        if (!closed) {
            sink.send(message);
        }
    }

    /** Says {@code STOPPING=1} and stops notifying; first in a shutdown, so systemd does not take it for a crash. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        sink.sendNow("STOPPING=1");
        sink.close();
    }
}
