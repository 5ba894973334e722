package dev.tickerplant.config;

import static dev.tickerplant.config.SettingDefinitions.ALLOWED_ORIGINS;
import static dev.tickerplant.config.SettingDefinitions.API_KEY_NAME;
import static dev.tickerplant.config.SettingDefinitions.API_PRIVATE_KEY_FILE;
import static dev.tickerplant.config.SettingDefinitions.AUTH_TOKEN;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_INITIAL;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_MAX;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_MULTIPLIER;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_RESET_AFTER;
import static dev.tickerplant.config.SettingDefinitions.CATALOG_CACHE_FILE;
import static dev.tickerplant.config.SettingDefinitions.COMMANDS_PER_SECOND;
import static dev.tickerplant.config.SettingDefinitions.COMPAT_JWT_PUBLIC_KEY_FILE;
import static dev.tickerplant.config.SettingDefinitions.ADMIN_TOKEN;
import static dev.tickerplant.config.SettingDefinitions.CATALOG_REFRESH_INTERVAL;
import static dev.tickerplant.config.SettingDefinitions.CONNECT_RATE_LIMIT;
import static dev.tickerplant.config.SettingDefinitions.CONNECT_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.FANOUT_THREADS;
import static dev.tickerplant.config.SettingDefinitions.FLUSH_LINGER;
import static dev.tickerplant.config.SettingDefinitions.HTTP_REQUEST_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.HEALTH_DOWN_COVERAGE;
import static dev.tickerplant.config.SettingDefinitions.HEALTH_LOG_INTERVAL;
import static dev.tickerplant.config.SettingDefinitions.HEALTH_READY_COVERAGE;
import static dev.tickerplant.config.SettingDefinitions.HEARTBEAT_INTERVAL;
import static dev.tickerplant.config.SettingDefinitions.HISTORY_SIZE;
import static dev.tickerplant.config.SettingDefinitions.INSTANCE;
import static dev.tickerplant.config.SettingDefinitions.LISTEN_HOST;
import static dev.tickerplant.config.SettingDefinitions.LISTEN_PORT;
import static dev.tickerplant.config.SettingDefinitions.MAX_CLIENTS;
import static dev.tickerplant.config.SettingDefinitions.MAX_COMMAND_SIZE;
import static dev.tickerplant.config.SettingDefinitions.MAX_CONNECTIONS_PER_IP;
import static dev.tickerplant.config.SettingDefinitions.MAX_FRAME_SIZE;
import static dev.tickerplant.config.SettingDefinitions.MAX_SUBSCRIPTIONS;
import static dev.tickerplant.config.SettingDefinitions.NATS_CREDENTIALS_FILE;
import static dev.tickerplant.config.SettingDefinitions.NATS_DUPLICATE_WINDOW;
import static dev.tickerplant.config.SettingDefinitions.NATS_MAX_AGE;
import static dev.tickerplant.config.SettingDefinitions.NATS_MAX_MSGS_PER_SUBJECT;
import static dev.tickerplant.config.SettingDefinitions.NATS_MAX_PENDING_ACKS;
import static dev.tickerplant.config.SettingDefinitions.NATS_PUBLISH_BUFFER;
import static dev.tickerplant.config.SettingDefinitions.NATS_REPLICAS;
import static dev.tickerplant.config.SettingDefinitions.NATS_STREAM;
import static dev.tickerplant.config.SettingDefinitions.NATS_SUBJECT_PREFIX;
import static dev.tickerplant.config.SettingDefinitions.NATS_TLS_CA_FILE;
import static dev.tickerplant.config.SettingDefinitions.NATS_UNREACHABLE_THRESHOLD;
import static dev.tickerplant.config.SettingDefinitions.NATS_URL;
import static dev.tickerplant.config.SettingDefinitions.NODE_NAME;
import static dev.tickerplant.config.SettingDefinitions.PRIORITY_PRODUCTS;
import static dev.tickerplant.config.SettingDefinitions.PRIORITY_PRODUCTS_PER_CONNECTION;
import static dev.tickerplant.config.SettingDefinitions.PRODUCTS;
import static dev.tickerplant.config.SettingDefinitions.PRODUCTS_PER_CONNECTION;
import static dev.tickerplant.config.SettingDefinitions.QUOTE_CURRENCY;
import static dev.tickerplant.config.SettingDefinitions.REDUNDANCY;
import static dev.tickerplant.config.SettingDefinitions.REST_URL;
import static dev.tickerplant.config.SettingDefinitions.RING_SIZE;
import static dev.tickerplant.config.SettingDefinitions.RING_WAIT_STRATEGY;
import static dev.tickerplant.config.SettingDefinitions.ROLE;
import static dev.tickerplant.config.SettingDefinitions.SHUTDOWN_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.SIMULATE;
import static dev.tickerplant.config.SettingDefinitions.SIMULATE_RATE;
import static dev.tickerplant.config.SettingDefinitions.SLOW_CLIENT_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.SUBSCRIBE_RATE_LIMIT;
import static dev.tickerplant.config.SettingDefinitions.SUBSCRIBE_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.TOP_N;
import static dev.tickerplant.config.SettingDefinitions.TRANSPORT;
import static dev.tickerplant.config.SettingDefinitions.TRUST_CERT_FILE;
import static dev.tickerplant.config.SettingDefinitions.UPSTREAM_PROTOCOL;
import static dev.tickerplant.config.SettingDefinitions.UPSTREAM_URL;
import static dev.tickerplant.config.SettingDefinitions.VOLUME_THRESHOLD;
import static dev.tickerplant.config.SettingDefinitions.WATCHDOG_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.WEBSOCKET_COMPRESSION;
import static dev.tickerplant.config.SettingDefinitions.WINDOW_MINUTES;
import static dev.tickerplant.config.SettingDefinitions.WRITE_BUFFER_HIGH;
import static dev.tickerplant.config.SettingDefinitions.WRITE_BUFFER_LOW;
import static dev.tickerplant.config.SettingDefinitions.WS_PING_INTERVAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@link Settings} from the command line, the environment and a config file, in that order of precedence,
 * falling back to defaults. Every mistake is reported as a {@link ConfigException} with a one-line message.
 */
public final class SettingsLoader {

    /** Environment variable naming the config file when {@code --config} is not given. */
    static final String CONFIG_ENV = "TICKERPLANT_CONFIG";

    private SettingsLoader() {
    }

    /**
     * @param args the command line, without the program name
     * @param env the environment, normally {@code System.getenv()}
     * @throws ConfigException if a setting is unknown, malformed, out of range or inconsistent with another
     * @throws HelpRequested if the command line contains {@code --help} or {@code -h}
     */
    public static Settings load(String[] args, Map<String, String> env) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.helpRequested()) {
            throw new HelpRequested();
        }
        Map<String, RawValue> configFile = configFileLocation(commandLine, env)
                .map(ConfigFile::read)
                .orElse(Map.of());
        ResolvedValues resolved = ResolvedValues.resolve(
                List.of(commandLine.values(), EnvironmentVariables.read(env), configFile));
        conclude(resolved);
        return assemble(resolved);
    }

    /** Every setting with its flag, environment names, default and a one-line description. */
    public static String helpText() {
        return HelpText.render(SettingDefinitions.ALL);
    }

    private static Optional<RawValue> configFileLocation(CommandLine commandLine, Map<String, String> env) {
        if (commandLine.configFile().isPresent()) {
            return commandLine.configFile();
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RawValue(fromEnv, Origin.environment(CONFIG_ENV)));
    }

    /** The rules that tie settings together, checked while the origins are known so errors can name them. */
    private static void conclude(ResolvedValues resolved) {
        CrossFieldRules.requireProductsOrTopN(resolved.get(PRODUCTS), resolved.origin(PRODUCTS),
                resolved.get(TOP_N), resolved.origin(TOP_N));
        CrossFieldRules.requirePriorityPerConnectionAtMostPerConnection(
                resolved.get(PRIORITY_PRODUCTS_PER_CONNECTION), resolved.origin(PRIORITY_PRODUCTS_PER_CONNECTION),
                resolved.get(PRODUCTS_PER_CONNECTION), resolved.origin(PRODUCTS_PER_CONNECTION));
        CrossFieldRules.requireBackoffMaxAtLeastInitial(resolved.get(BACKOFF_INITIAL),
                resolved.origin(BACKOFF_INITIAL), resolved.get(BACKOFF_MAX), resolved.origin(BACKOFF_MAX));
        CrossFieldRules.requireBothCredentialsOrNeither(resolved.get(API_KEY_NAME).isPresent(),
                resolved.origin(API_KEY_NAME), resolved.get(API_PRIVATE_KEY_FILE).isPresent(),
                resolved.origin(API_PRIVATE_KEY_FILE));
        CrossFieldRules.requireWriteBufferLowAtMostHigh(resolved.get(WRITE_BUFFER_LOW),
                resolved.origin(WRITE_BUFFER_LOW), resolved.get(WRITE_BUFFER_HIGH), resolved.origin(WRITE_BUFFER_HIGH));
        CrossFieldRules.requireDownCoverageAtMostReady(resolved.get(HEALTH_READY_COVERAGE),
                resolved.origin(HEALTH_READY_COVERAGE), resolved.get(HEALTH_DOWN_COVERAGE),
                resolved.origin(HEALTH_DOWN_COVERAGE));
        CrossFieldRules.requireBusForRole(resolved.get(ROLE), resolved.origin(ROLE), resolved.get(NATS_URL));
        CrossFieldRules.requireSingleInstanceOnFanout(resolved.get(ROLE), resolved.origin(ROLE),
                resolved.get(INSTANCE), resolved.origin(INSTANCE));
        CrossFieldRules.requireUpstreamToSimulate(resolved.get(ROLE), resolved.origin(ROLE), resolved.get(SIMULATE),
                resolved.origin(SIMULATE));
        CrossFieldRules.requireDuplicateWindowAtMostMaxAge(resolved.get(NATS_MAX_AGE), resolved.origin(NATS_MAX_AGE),
                resolved.get(NATS_DUPLICATE_WINDOW), resolved.origin(NATS_DUPLICATE_WINDOW));
    }

    private static Settings assemble(ResolvedValues resolved) {
        return new Settings(
                new Settings.Selection(resolved.get(PRODUCTS), resolved.get(TOP_N), resolved.get(QUOTE_CURRENCY),
                        resolved.get(PRIORITY_PRODUCTS), resolved.get(PRIORITY_PRODUCTS_PER_CONNECTION),
                        resolved.get(PRODUCTS_PER_CONNECTION),
                        resolved.get(REDUNDANCY)),
                new Settings.Upstream(resolved.get(UPSTREAM_PROTOCOL), resolved.get(UPSTREAM_URL),
                        resolved.get(REST_URL), resolved.get(CATALOG_CACHE_FILE), resolved.get(CONNECT_TIMEOUT),
                        resolved.get(SUBSCRIBE_TIMEOUT), resolved.get(WATCHDOG_TIMEOUT),
                        resolved.get(CONNECT_RATE_LIMIT), resolved.get(SUBSCRIBE_RATE_LIMIT),
                        resolved.get(WS_PING_INTERVAL), resolved.get(MAX_FRAME_SIZE), resolved.get(TRUST_CERT_FILE)),
                new Settings.Backoff(resolved.get(BACKOFF_INITIAL), resolved.get(BACKOFF_MAX),
                        resolved.get(BACKOFF_MULTIPLIER), resolved.get(BACKOFF_RESET_AFTER)),
                credentials(resolved.get(API_KEY_NAME), resolved.get(API_PRIVATE_KEY_FILE)),
                new Settings.Ring(resolved.get(RING_SIZE), resolved.get(RING_WAIT_STRATEGY)),
                new Settings.Server(resolved.get(LISTEN_HOST), resolved.get(LISTEN_PORT), resolved.get(FANOUT_THREADS),
                        resolved.get(MAX_CLIENTS), resolved.get(MAX_SUBSCRIPTIONS), resolved.get(COMMANDS_PER_SECOND),
                        resolved.get(MAX_COMMAND_SIZE), resolved.get(HEARTBEAT_INTERVAL),
                        resolved.get(SLOW_CLIENT_TIMEOUT), resolved.get(WRITE_BUFFER_LOW),
                        resolved.get(WRITE_BUFFER_HIGH), resolved.get(HISTORY_SIZE), resolved.get(WINDOW_MINUTES),
                        resolved.get(VOLUME_THRESHOLD), resolved.get(AUTH_TOKEN), resolved.get(MAX_CONNECTIONS_PER_IP),
                        resolved.get(ALLOWED_ORIGINS), resolved.get(FLUSH_LINGER), resolved.get(HTTP_REQUEST_TIMEOUT),
                        resolved.get(WEBSOCKET_COMPRESSION)),
                new Settings.Compat(resolved.get(COMPAT_JWT_PUBLIC_KEY_FILE)),
                new Settings.Health(resolved.get(HEALTH_READY_COVERAGE), resolved.get(HEALTH_DOWN_COVERAGE)),
                new Settings.Daemon(resolved.get(SIMULATE), resolved.get(SIMULATE_RATE),
                        resolved.get(HEALTH_LOG_INTERVAL), resolved.get(SHUTDOWN_TIMEOUT), resolved.get(TRANSPORT)),
                new Settings.Cluster(resolved.get(ROLE), resolved.get(INSTANCE), resolved.get(NODE_NAME)),
                new Settings.Bus(resolved.get(NATS_URL), resolved.get(NATS_CREDENTIALS_FILE),
                        resolved.get(NATS_TLS_CA_FILE), resolved.get(NATS_STREAM), resolved.get(NATS_SUBJECT_PREFIX),
                        resolved.get(NATS_REPLICAS), resolved.get(NATS_MAX_AGE),
                        resolved.get(NATS_MAX_MSGS_PER_SUBJECT), resolved.get(NATS_DUPLICATE_WINDOW),
                        resolved.get(NATS_PUBLISH_BUFFER), resolved.get(NATS_MAX_PENDING_ACKS),
                        resolved.get(NATS_UNREACHABLE_THRESHOLD)),
                new Settings.Operations(resolved.get(CATALOG_REFRESH_INTERVAL), resolved.get(ADMIN_TOKEN)));
    }

    private static Optional<Settings.Credentials> credentials(Optional<String> keyName, Optional<Path> keyFile) {
        return keyName.map(name -> new Settings.Credentials(name, keyFile.orElseThrow()));
    }
}
