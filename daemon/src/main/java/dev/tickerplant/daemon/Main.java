package dev.tickerplant.daemon;

import dev.tickerplant.config.ConfigException;
import dev.tickerplant.config.HelpRequested;
import dev.tickerplant.config.Settings;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.reload.ConfigReading;
import dev.tickerplant.daemon.reload.HangupSignal;
import dev.tickerplant.daemon.reload.ReloadableEnvironment;
import dev.tickerplant.daemon.systemd.SystemdEnvironment;
import dev.tickerplant.ingest.catalog.StartupException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Entry point. Settings and start-up problems end the process with one line on stderr and exit status 2; SIGTERM (or
 * Ctrl-C) shuts the daemon down cleanly within the configured shutdown timeout; SIGHUP reloads the configuration.
 */
public final class Main {
    static final int EXIT_BAD_START = 2;

    private Main() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: TICKERPLANT_LOG_FORMAT=json switches to one JSON object per line.
        if ("json".equalsIgnoreCase(System.getenv("TICKERPLANT_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = SettingsLoader.load(args, env);
        } catch (HelpRequested help) {
            out.print(SettingsLoader.helpText());
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_START;
        }
        Daemon daemon;
        try {
            ReloadableEnvironment reloadEnv = new ReloadableEnvironment(env);
            daemon = Daemon.start(settings, SystemdEnvironment.from(env), () -> {
                Map<String, String> now = reloadEnv.now();
                return new ConfigReading(SettingsLoader.load(args, now),
                        Optional.ofNullable(now.get("TICKERPLANT_LOG_LEVEL")));
            });
        } catch (StartupException | ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "shutdown"));
        if (!HangupSignal.onHangup(daemon::reload)) {
            LoggerFactory.getLogger(Main.class).warn("SIGHUP is ignored in this process (started under nohup?): "
                    + "kill -HUP will not reload the configuration; start it without nohup to have reloads");
        }
        daemon.awaitTermination();
        return 0;
    }
}
