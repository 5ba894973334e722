package dev.tickerplant.config;

import static dev.tickerplant.config.SettingDefinitions.ALLOWED_ORIGINS;
import static dev.tickerplant.config.SettingDefinitions.API_KEY_NAME;
import static dev.tickerplant.config.SettingDefinitions.AUTH_TOKEN;
import static dev.tickerplant.config.SettingDefinitions.API_PRIVATE_KEY_FILE;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_INITIAL;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_MAX;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_MULTIPLIER;
import static dev.tickerplant.config.SettingDefinitions.BACKOFF_RESET_AFTER;
import static dev.tickerplant.config.SettingDefinitions.CATALOG_CACHE_FILE;
import static dev.tickerplant.config.SettingDefinitions.COMPAT_JWT_PUBLIC_KEY_FILE;
import static dev.tickerplant.config.SettingDefinitions.COMMANDS_PER_SECOND;
import static dev.tickerplant.config.SettingDefinitions.ADMIN_TOKEN;
import static dev.tickerplant.config.SettingDefinitions.CATALOG_REFRESH_INTERVAL;
import static dev.tickerplant.config.SettingDefinitions.CONNECT_RATE_LIMIT;
import static dev.tickerplant.config.SettingDefinitions.CONNECT_TIMEOUT;
import static dev.tickerplant.config.SettingDefinitions.FANOUT_THREADS;
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
import static dev.tickerplant.config.SettingDefinitions.FLUSH_LINGER;
import static dev.tickerplant.config.SettingDefinitions.HTTP_REQUEST_TIMEOUT;
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
import static dev.tickerplant.config.SettingDefinitions.WINDOW_MINUTES;
import static dev.tickerplant.config.SettingDefinitions.WRITE_BUFFER_HIGH;
import static dev.tickerplant.config.SettingDefinitions.WRITE_BUFFER_LOW;
import static dev.tickerplant.config.SettingDefinitions.WS_PING_INTERVAL;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of the daemon, typed and validated, grouped by concern. Built by {@link SettingsLoader}; each record
 * checks its own values against the same constraints the loader parses with, so an invalid instance cannot exist.
 */
public record Settings(Selection selection, Upstream upstream, Backoff backoff, Optional<Credentials> credentials,
        Ring ring, Server server, Compat compat, Health health, Daemon daemon, Cluster cluster, Bus bus,
        Operations operations) {

    /** Everything but the operations settings, which take their defaults (hourly catalog refresh, no admin API). */
    public Settings(Selection selection, Upstream upstream, Backoff backoff, Optional<Credentials> credentials,
            Ring ring, Server server, Compat compat, Health health, Daemon daemon, Cluster cluster, Bus bus) {
        this(selection, upstream, backoff, credentials, ring, server, compat, health, daemon, cluster, bus,
                Operations.defaults());
    }

    public Settings {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(compat, "compat");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(operations, "operations");
        CrossFieldRules.requireBusForRole(cluster.role(), null, bus.servers());
        CrossFieldRules.requireUpstreamToSimulate(cluster.role(), null, daemon.simulate(), null);
    }

    /**
     * Which products to follow. {@code products} empty and {@code topN} 0 means neither was chosen; both set is
     * rejected. Product ids given without a quote currency get {@code quoteCurrency}.
     */
    public record Selection(List<String> products, int topN, String quoteCurrency, List<String> priorityProducts,
            int priorityProductsPerConnection, int productsPerConnection, int redundancy) {

        public Selection {
            quoteCurrency = QUOTE_CURRENCY.requireValid(quoteCurrency);
            products = ProductIds.qualify(PRODUCTS.requireValid(products), quoteCurrency);
            priorityProducts = ProductIds.qualify(PRIORITY_PRODUCTS.requireValid(priorityProducts), quoteCurrency);
            TOP_N.requireValid(topN);
            PRIORITY_PRODUCTS_PER_CONNECTION.requireValid(priorityProductsPerConnection);
            PRODUCTS_PER_CONNECTION.requireValid(productsPerConnection);
            REDUNDANCY.requireValid(redundancy);
            CrossFieldRules.requireProductsOrTopN(products, null, topN, null);
            CrossFieldRules.requirePriorityPerConnectionAtMostPerConnection(priorityProductsPerConnection, null,
                    productsPerConnection, null);
        }
    }

    /** How upstream connections are opened, kept alive and limited. */
    public record Upstream(CoinbaseProtocol protocol, URI url, URI restUrl, Path catalogCacheFile,
            Duration connectTimeout, Duration subscribeTimeout, Duration watchdogTimeout, int connectRateLimit,
            int subscribeRateLimit, Duration wsPingInterval, int maxFrameSize, Optional<Path> trustCertFile) {

        public Upstream {
            UPSTREAM_PROTOCOL.requireValid(protocol);
            UPSTREAM_URL.requireValid(url);
            REST_URL.requireValid(restUrl);
            CATALOG_CACHE_FILE.requireValid(catalogCacheFile);
            CONNECT_TIMEOUT.requireValid(connectTimeout);
            SUBSCRIBE_TIMEOUT.requireValid(subscribeTimeout);
            WATCHDOG_TIMEOUT.requireValid(watchdogTimeout);
            CONNECT_RATE_LIMIT.requireValid(connectRateLimit);
            SUBSCRIBE_RATE_LIMIT.requireValid(subscribeRateLimit);
            WS_PING_INTERVAL.requireValid(wsPingInterval);
            MAX_FRAME_SIZE.requireValid(maxFrameSize);
            TRUST_CERT_FILE.requireValid(trustCertFile);
        }
    }

    /** Delay between reconnect attempts: grows by {@code multiplier} from {@code initial} up to {@code max}. */
    public record Backoff(Duration initial, Duration max, double multiplier, Duration resetAfter) {

        public Backoff {
            BACKOFF_INITIAL.requireValid(initial);
            BACKOFF_MAX.requireValid(max);
            BACKOFF_MULTIPLIER.requireValid(multiplier);
            BACKOFF_RESET_AFTER.requireValid(resetAfter);
            CrossFieldRules.requireBackoffMaxAtLeastInitial(initial, null, max, null);
        }
    }

    /** A Coinbase API key; the name is masked whenever the record is printed. */
    public record Credentials(String apiKeyName, Path apiPrivateKeyFile) {

        public Credentials {
            CrossFieldRules.requireBothCredentialsOrNeither(apiKeyName != null, null, apiPrivateKeyFile != null,
                    null);
            if (apiKeyName == null) {
                throw new ConfigException("Missing settings " + API_KEY_NAME.key() + " and "
                        + API_PRIVATE_KEY_FILE.key() + ": expected both; without a key, leave credentials empty");
            }
            API_KEY_NAME.requireValid(Optional.of(apiKeyName));
            API_PRIVATE_KEY_FILE.requireValid(Optional.of(apiPrivateKeyFile));
        }

        @Override
        public String toString() {
            return "Credentials[apiKeyName=" + SecretMask.mask(apiKeyName) + ", apiPrivateKeyFile="
                    + apiPrivateKeyFile + "]";
        }
    }

    /** The tick ring between the upstream event loops and the consumer, and how that consumer waits for ticks. */
    public record Ring(int size, RingWaitStrategy waitStrategy) {

        public Ring {
            RING_SIZE.requireValid(size);
            RING_WAIT_STRATEGY.requireValid(waitStrategy);
        }
    }

    /**
     * The downstream WebSocket and HTTP server: where it listens, its limits, what it keeps for clients and who may
     * connect. The auth token is masked whenever the record is printed.
     */
    public record Server(String listenHost, int listenPort, int fanoutThreads, int maxClients, int maxSubscriptions,
            int commandsPerSecond, int maxCommandSize, Duration heartbeatInterval, Duration slowClientTimeout,
            int writeBufferLow, int writeBufferHigh, int historySize, int windowMinutes, double volumeThreshold,
            Optional<String> authToken, int maxConnectionsPerIp, List<String> allowedOrigins, Duration flushLinger,
            Duration httpRequestTimeout, boolean webSocketCompression) {

        /** Everything but WebSocket compression, which is on. */
        public Server(String listenHost, int listenPort, int fanoutThreads, int maxClients, int maxSubscriptions,
                int commandsPerSecond, int maxCommandSize, Duration heartbeatInterval, Duration slowClientTimeout,
                int writeBufferLow, int writeBufferHigh, int historySize, int windowMinutes, double volumeThreshold,
                Optional<String> authToken, int maxConnectionsPerIp, List<String> allowedOrigins,
                Duration flushLinger, Duration httpRequestTimeout) {
            this(listenHost, listenPort, fanoutThreads, maxClients, maxSubscriptions, commandsPerSecond,
                    maxCommandSize, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                    windowMinutes, volumeThreshold, authToken, maxConnectionsPerIp, allowedOrigins, flushLinger,
                    httpRequestTimeout, true);
        }

        /** Everything but the HTTP request timeout, which is its default (10 s), and WebSocket compression (on). */
        public Server(String listenHost, int listenPort, int fanoutThreads, int maxClients, int maxSubscriptions,
                int commandsPerSecond, int maxCommandSize, Duration heartbeatInterval, Duration slowClientTimeout,
                int writeBufferLow, int writeBufferHigh, int historySize, int windowMinutes, double volumeThreshold,
                Optional<String> authToken, int maxConnectionsPerIp, List<String> allowedOrigins,
                Duration flushLinger) {
            this(listenHost, listenPort, fanoutThreads, maxClients, maxSubscriptions, commandsPerSecond,
                    maxCommandSize, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                    windowMinutes, volumeThreshold, authToken, maxConnectionsPerIp, allowedOrigins, flushLinger,
                    Duration.ofSeconds(10));
        }

        /** Everything but the flush linger, which is off, the HTTP request timeout and WebSocket compression. */
        public Server(String listenHost, int listenPort, int fanoutThreads, int maxClients, int maxSubscriptions,
                int commandsPerSecond, int maxCommandSize, Duration heartbeatInterval, Duration slowClientTimeout,
                int writeBufferLow, int writeBufferHigh, int historySize, int windowMinutes, double volumeThreshold,
                Optional<String> authToken, int maxConnectionsPerIp, List<String> allowedOrigins) {
            this(listenHost, listenPort, fanoutThreads, maxClients, maxSubscriptions, commandsPerSecond,
                    maxCommandSize, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                    windowMinutes, volumeThreshold, authToken, maxConnectionsPerIp, allowedOrigins, Duration.ZERO,
                    Duration.ofSeconds(10));
        }

        public Server {
            LISTEN_HOST.requireValid(listenHost);
            LISTEN_PORT.requireValid(listenPort);
            FANOUT_THREADS.requireValid(fanoutThreads);
            MAX_CLIENTS.requireValid(maxClients);
            MAX_SUBSCRIPTIONS.requireValid(maxSubscriptions);
            COMMANDS_PER_SECOND.requireValid(commandsPerSecond);
            MAX_COMMAND_SIZE.requireValid(maxCommandSize);
            HEARTBEAT_INTERVAL.requireValid(heartbeatInterval);
            SLOW_CLIENT_TIMEOUT.requireValid(slowClientTimeout);
            WRITE_BUFFER_LOW.requireValid(writeBufferLow);
            WRITE_BUFFER_HIGH.requireValid(writeBufferHigh);
            HISTORY_SIZE.requireValid(historySize);
            WINDOW_MINUTES.requireValid(windowMinutes);
            VOLUME_THRESHOLD.requireValid(volumeThreshold);
            AUTH_TOKEN.requireValid(authToken);
            MAX_CONNECTIONS_PER_IP.requireValid(maxConnectionsPerIp);
            allowedOrigins = List.copyOf(ALLOWED_ORIGINS.requireValid(allowedOrigins));
            FLUSH_LINGER.requireValid(flushLinger);
            HTTP_REQUEST_TIMEOUT.requireValid(httpRequestTimeout);
            CrossFieldRules.requireWriteBufferLowAtMostHigh(writeBufferLow, null, writeBufferHigh, null);
        }

        @Override
        public String toString() {
            return "Server[listenHost=" + listenHost + ", listenPort=" + listenPort + ", fanoutThreads="
                    + fanoutThreads + ", maxClients=" + maxClients + ", maxSubscriptions=" + maxSubscriptions
                    + ", commandsPerSecond=" + commandsPerSecond + ", maxCommandSize=" + maxCommandSize
                    + ", heartbeatInterval=" + heartbeatInterval + ", slowClientTimeout=" + slowClientTimeout
                    + ", writeBufferLow=" + writeBufferLow + ", writeBufferHigh=" + writeBufferHigh
                    + ", historySize=" + historySize + ", windowMinutes=" + windowMinutes + ", volumeThreshold="
                    + volumeThreshold + ", authToken=" + authToken.map(SecretMask::mask).orElse(Setting.NONE)
                    + ", maxConnectionsPerIp=" + maxConnectionsPerIp + ", allowedOrigins=" + allowedOrigins
                    + ", flushLinger=" + flushLinger + ", httpRequestTimeout=" + httpRequestTimeout + "]";
        }
    }

    /** The Coinbase-compatible endpoints: verify the {@code jwt} of Advanced Trade subscribes when a key is given. */
    public record Compat(Optional<Path> jwtPublicKeyFile) {

        public Compat {
            COMPAT_JWT_PUBLIC_KEY_FILE.requireValid(jwtPublicKeyFile);
        }
    }

    /**
     * When /health calls the daemon ready or down, as the fraction of planned products that are receiving data: ready
     * at or above {@code readyCoverage}, down below {@code downCoverage}, degraded in between.
     */
    public record Health(double readyCoverage, double downCoverage) {

        public Health {
            HEALTH_READY_COVERAGE.requireValid(readyCoverage);
            HEALTH_DOWN_COVERAGE.requireValid(downCoverage);
            CrossFieldRules.requireDownCoverageAtMostReady(readyCoverage, null, downCoverage, null);
        }
    }

    /** How the daemon itself runs; {@code transport} is the network transport of both upstream and fanout. */
    public record Daemon(boolean simulate, double simulateRate, Duration healthLogInterval,
            Duration shutdownTimeout, NetworkTransport transport) {

        public Daemon {
            SIMULATE.requireValid(simulate);
            SIMULATE_RATE.requireValid(simulateRate);
            HEALTH_LOG_INTERVAL.requireValid(healthLogInterval);
            SHUTDOWN_TIMEOUT.requireValid(shutdownTimeout);
            TRANSPORT.requireValid(transport);
        }
    }

    /**
     * This process's part when the work is split over the bus: its {@code role}, its share of the upstream work
     * ({@code instance}, ingest nodes only) and its name on the bus.
     */
    public record Cluster(Role role, InstanceSlot instance, String nodeName) {

        public Cluster {
            ROLE.requireValid(role);
            INSTANCE.requireValid(instance);
            NODE_NAME.requireValid(nodeName);
            CrossFieldRules.requireSingleInstanceOnFanout(role, null, instance, null);
        }
    }

    /**
     * The NATS JetStream bus between ingest and fanout nodes: where its servers are, how to reach them, how the stream
     * keeps ticks and how much a node holds back while the bus is away. No {@code servers}: no bus.
     */
    public record Bus(List<URI> servers, Optional<Path> credentialsFile, Optional<Path> tlsCaFile, String stream,
            String subjectPrefix, int replicas, Duration maxAge, long maxMsgsPerSubject, Duration duplicateWindow,
            int publishBuffer, int maxPendingAcks, Duration unreachableThreshold) {

        public Bus {
            servers = List.copyOf(NATS_URL.requireValid(servers));
            NATS_CREDENTIALS_FILE.requireValid(credentialsFile);
            NATS_TLS_CA_FILE.requireValid(tlsCaFile);
            NATS_STREAM.requireValid(stream);
            NATS_SUBJECT_PREFIX.requireValid(subjectPrefix);
            NATS_REPLICAS.requireValid(replicas);
            NATS_MAX_AGE.requireValid(maxAge);
            NATS_MAX_MSGS_PER_SUBJECT.requireValid(maxMsgsPerSubject);
            NATS_DUPLICATE_WINDOW.requireValid(duplicateWindow);
            NATS_PUBLISH_BUFFER.requireValid(publishBuffer);
            NATS_MAX_PENDING_ACKS.requireValid(maxPendingAcks);
            NATS_UNREACHABLE_THRESHOLD.requireValid(unreachableThreshold);
            CrossFieldRules.requireDuplicateWindowAtMostMaxAge(maxAge, null, duplicateWindow, null);
        }
    }

    /** Every setting by its key, secrets masked, on one line: the daemon logs it once at start-up. */
    @Override
    public String toString() {
        return SettingDefinitions.ALL.stream()
                .map(setting -> setting.key() + "=" + setting.display(this))
                .collect(Collectors.joining(", ", "Settings[", "]"));
    }

    /**
     * Run-time control.
     *
     * @param catalogRefreshInterval how often the catalog is fetched again; zero: never
     * @param adminToken             the admin API's bearer token; empty: the admin API is off
     */
    public record Operations(Duration catalogRefreshInterval, Optional<String> adminToken) {

        public Operations {
            CATALOG_REFRESH_INTERVAL.requireValid(catalogRefreshInterval);
            ADMIN_TOKEN.requireValid(adminToken);
        }

        /** An hourly refresh and no admin API. */
        public static Operations defaults() {
            return new Operations(Duration.ofHours(1), Optional.empty());
        }

        /** The same with the catalog refreshed every {@code interval} (zero: never). */
        public Operations withCatalogRefreshInterval(Duration interval) {
            return new Operations(interval, adminToken);
        }

        /** The same with the admin API on behind {@code token}. */
        public Operations withAdminToken(String token) {
            return new Operations(catalogRefreshInterval, Optional.of(token));
        }

        @Override
        public String toString() {
            return "Operations[catalogRefreshInterval=" + catalogRefreshInterval + ", adminToken="
                    + adminToken.map(SecretMask::mask).orElse(Setting.NONE) + "]";
        }
    }
}
