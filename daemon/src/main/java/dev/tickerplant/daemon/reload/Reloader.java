package dev.tickerplant.daemon.reload;

import ch.qos.logback.classic.Level;
import dev.tickerplant.config.ConfigException;
import dev.tickerplant.config.Settings;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration on request (SIGHUP), one reload at a time on a thread of its own: reads it again, applies
 * what a running daemon can change ({@link ReloadPlan#AT_RUN_TIME} and the root log level), names in one line what
 * needs a restart and leaves that as it was. A configuration with a bad value changes nothing: its one-line error is
 * logged and the daemon runs on as before.
 */
public final class Reloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final Settings started;
    private final ConfigSource source;
    private final Consumer<Settings> applyAtRunTime;
    private final Runnable before;
    private final Runnable after;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("reload", true));
    private Settings lastApplied;

    /**
     * @param started        the settings the daemon started with
     * @param applyAtRunTime hands the settings of {@link ReloadPlan#AT_RUN_TIME} to the running parts
     * @param before         runs first in every reload (systemd's {@code RELOADING=1})
     * @param after          runs last in every reload, whatever came of it (systemd's {@code READY=1})
     */
    public Reloader(Settings started, ConfigSource source, Consumer<Settings> applyAtRunTime, Runnable before,
                    Runnable after) {
        this.started = started;
        this.lastApplied = started;
        this.source = source;
        this.applyAtRunTime = applyAtRunTime;
        this.before = before;
        this.after = after;
    }

    /** Queues a reload behind any that is running and returns at once; safe on the signal thread. */
    public Future<?> request() {
        try {
            return thread.submit(this::reloadNow);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private void reloadNow() {
        before.run();
        try {
            ConfigReading reading = source.read();
            // Checked before anything is applied, so that a bad level leaves the settings as they were too.
            Level level = RootLogLevel.parse(reading.logLevel().orElse("INFO"));
            ReloadPlan plan = ReloadPlan.of(started, lastApplied, reading.settings());
            applyAtRunTime.accept(reading.settings());
            lastApplied = reading.settings();
            Level was = RootLogLevel.current();
            if (!level.equals(was)) {
                RootLogLevel.set(level);
            }
            log.info("reloaded: {}{}", plan.applied().isEmpty() ? "no setting that can change at run time changed"
                    : "applied " + String.join(", ", plan.applied()),
                    level.equals(was) ? "" : "; log level " + was + " -> " + level);
            if (!plan.restartNeeded().isEmpty()) {
                log.warn("reload: {} (left as they were until then)", plan.restartLine());
            }
        } catch (ConfigException e) {
            log.error("reload failed, nothing changed: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("reload failed", e);
        } finally {
            after.run();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
