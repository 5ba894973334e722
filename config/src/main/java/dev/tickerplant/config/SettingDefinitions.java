package dev.tickerplant.config;

import static dev.tickerplant.config.Setting.Group.DAEMON;
import static dev.tickerplant.config.Setting.Group.HEALTH;
import static dev.tickerplant.config.Setting.Group.OPERATIONS;
import static dev.tickerplant.config.Setting.Group.RING;
import static dev.tickerplant.config.Setting.Group.SCALE_OUT;
import static dev.tickerplant.config.Setting.Group.SERVER;
import static dev.tickerplant.config.Setting.Group.UPSTREAM_CONNECTION;
import static dev.tickerplant.config.Setting.Group.UPSTREAM_SELECTION;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.ProductNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one table of settings. A new setting is one row here, one component in a {@link Settings} record and one
 * argument where {@link SettingsLoader} builds that record; flags, environment names, file keys and help follow.
 */
final class SettingDefinitions {

    private static final Duration SHORTEST = Duration.ofMillis(1);
    private static final Duration LONGEST = Duration.ofHours(24);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** A stream or node name: characters NATS allows in a stream name, which are also safe in a subject token. */
    private static final Pattern BUS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Dot-separated subject tokens; no wildcard, since the prefix starts subjects that ticks are published on. */
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    /** A host name or IPv4 address, or an IPv6 literal (which needs a colon). */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    // Upstream selection
    static final Setting<List<String>> PRODUCTS = Setting.define(UPSTREAM_SELECTION, "products",
            ValueTypes.productList(), List.of(),
            "Explicit product ids to follow; an id without a dash gets the quote currency (BTC becomes BTC-USD).",
            s -> s.selection().products())
            .withEnvAlias("MONITORING_CRYPTOS");

    static final Setting<Integer> TOP_N = Setting.define(UPSTREAM_SELECTION, "top-n",
            ValueTypes.integer(0, 1000), 0,
            "Follow the N products with the highest 24 h quote volume (0 = off); not together with products.",
            s -> s.selection().topN())
            .withEnvAlias("TOP_USD_PAIRS");

    static final Setting<String> QUOTE_CURRENCY = Setting.define(UPSTREAM_SELECTION, "quote-currency",
            ValueTypes.currencyCode(), ProductNames.DEFAULT_QUOTE_CURRENCY,
            "Quote currency for top-n and for product ids given without one.",
            s -> s.selection().quoteCurrency());

    static final Setting<List<String>> PRIORITY_PRODUCTS = Setting.define(UPSTREAM_SELECTION, "priority-products",
            ValueTypes.productList(), List.of(),
            "Products placed on connections of their own, ahead of the rest.",
            s -> s.selection().priorityProducts());

    static final Setting<Integer> PRIORITY_PRODUCTS_PER_CONNECTION = Setting.define(UPSTREAM_SELECTION,
            "priority-products-per-connection", ValueTypes.integer(1, 100), 1,
            "Priority products sharing one connection; 1 gives each its own (at most products-per-connection).",
            s -> s.selection().priorityProductsPerConnection());

    static final Setting<Integer> PRODUCTS_PER_CONNECTION = Setting.define(UPSTREAM_SELECTION,
            "products-per-connection", ValueTypes.integer(1, 100), 15,
            "Products subscribed on each upstream connection.",
            s -> s.selection().productsPerConnection())
            .withEnvAlias("PRODUCTS_PER_CONNECTION");

    static final Setting<Integer> REDUNDANCY = Setting.define(UPSTREAM_SELECTION, "redundancy",
            ValueTypes.integer(1, 2), 1,
            "Independent connections (legs A and B) per shard; with 2 a leg's failure costs subscribers nothing.",
            s -> s.selection().redundancy());

    // Upstream connection
    static final Setting<CoinbaseProtocol> UPSTREAM_PROTOCOL = Setting.define(UPSTREAM_CONNECTION,
            "upstream-protocol", ValueTypes.oneOf(CoinbaseProtocol.values(), CoinbaseProtocol::key),
            CoinbaseProtocol.ADVANCED_TRADE,
            "Coinbase API spoken upstream; it picks the default upstream-url and rest-url.",
            s -> s.upstream().protocol());

    static final Setting<URI> UPSTREAM_URL = Setting.derive(UPSTREAM_CONNECTION, "upstream-url",
            ValueTypes.uri("ws", "wss"), resolved -> resolved.get(UPSTREAM_PROTOCOL).defaultUpstreamUrl(),
            perProtocol(CoinbaseProtocol::defaultUpstreamUrl),
            "Market-data WebSocket to connect to.",
            s -> s.upstream().url());

    static final Setting<URI> REST_URL = Setting.derive(UPSTREAM_CONNECTION, "rest-url",
            ValueTypes.uri("http", "https"), resolved -> resolved.get(UPSTREAM_PROTOCOL).defaultRestUrl(),
            perProtocol(CoinbaseProtocol::defaultRestUrl),
            "REST API the product catalog and 24 h volumes are read from.",
            s -> s.upstream().restUrl());

    static final Setting<Path> CATALOG_CACHE_FILE = Setting.define(UPSTREAM_CONNECTION, "catalog-cache-file",
            ValueTypes.path(), Path.of("data", "catalog-cache.json"),
            "Last product catalog read, used when the REST API cannot be reached at start.",
            s -> s.upstream().catalogCacheFile());

    static final Setting<Duration> CONNECT_TIMEOUT = Setting.define(UPSTREAM_CONNECTION, "connect-timeout",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(10),
            "Time allowed to connect and complete the WebSocket handshake.",
            s -> s.upstream().connectTimeout());

    static final Setting<Duration> SUBSCRIBE_TIMEOUT = Setting.define(UPSTREAM_CONNECTION, "subscribe-timeout",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(10),
            "Time allowed after subscribing for the subscriptions ack and the first data.",
            s -> s.upstream().subscribeTimeout());

    static final Setting<Duration> WATCHDOG_TIMEOUT = Setting.define(UPSTREAM_CONNECTION, "watchdog-timeout",
            ValueTypes.durationAbove(Duration.ofSeconds(1), LONGEST), Duration.ofSeconds(5),
            "Silence (no data, no heartbeat) after which a connection is closed and reopened.",
            s -> s.upstream().watchdogTimeout());

    static final Setting<Duration> BACKOFF_INITIAL = Setting.define(UPSTREAM_CONNECTION, "backoff-initial",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofMillis(250),
            "Delay before the first reconnect attempt.",
            s -> s.backoff().initial());

    static final Setting<Duration> BACKOFF_MAX = Setting.define(UPSTREAM_CONNECTION, "backoff-max",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(30),
            "Longest delay between reconnect attempts; at least backoff-initial.",
            s -> s.backoff().max());

    static final Setting<Double> BACKOFF_MULTIPLIER = Setting.define(UPSTREAM_CONNECTION, "backoff-multiplier",
            ValueTypes.decimal(1.0, 10.0), 2.0,
            "Factor the reconnect delay grows by after each failed attempt.",
            s -> s.backoff().multiplier());

    static final Setting<Duration> BACKOFF_RESET_AFTER = Setting.define(UPSTREAM_CONNECTION, "backoff-reset-after",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(60),
            "Streaming this long resets the reconnect delay to backoff-initial.",
            s -> s.backoff().resetAfter());

    static final Setting<Integer> CONNECT_RATE_LIMIT = Setting.define(UPSTREAM_CONNECTION, "connect-rate-limit",
            ValueTypes.integer(1, 100), 8,
            "Upstream connections opened per second, over all connections.",
            s -> s.upstream().connectRateLimit());

    static final Setting<Integer> SUBSCRIBE_RATE_LIMIT = Setting.define(UPSTREAM_CONNECTION,
            "subscribe-rate-limit", ValueTypes.integer(1, 100), 8,
            "Subscribe messages sent per second, over all connections.",
            s -> s.upstream().subscribeRateLimit());

    static final Setting<Duration> WS_PING_INTERVAL = Setting.define(UPSTREAM_CONNECTION, "ws-ping-interval",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(20),
            "Interval between WebSocket pings, so that middleboxes do not drop quiet connections.",
            s -> s.upstream().wsPingInterval());

    static final Setting<Integer> MAX_FRAME_SIZE = Setting.define(UPSTREAM_CONNECTION, "max-frame-size",
            ValueTypes.byteSize((int) ByteSizeFormat.KIB, (int) (1024 * ByteSizeFormat.MIB)),
            (int) (8 * ByteSizeFormat.MIB),
            "Largest WebSocket message accepted from upstream.",
            s -> s.upstream().maxFrameSize());

    static final Setting<Optional<Path>> TRUST_CERT_FILE = Setting.define(UPSTREAM_CONNECTION, "trust-cert-file",
            ValueTypes.optional(ValueTypes.readableFile()), Optional.empty(),
            "PEM certificate trusted besides the system trust store (for the simulator's TLS).",
            s -> s.upstream().trustCertFile());

    static final Setting<Optional<String>> API_KEY_NAME = Setting.define(UPSTREAM_CONNECTION, "api-key-name",
            ValueTypes.optional(ValueTypes.matching(Pattern.compile("organizations/[^/\\s]+/apiKeys/[^/\\s]+"),
                    "an API key name of the form organizations/{org}/apiKeys/{id}", "NAME")),
            Optional.empty(),
            "Coinbase API key name; set together with api-private-key-file, or neither.",
            s -> s.credentials().map(Settings.Credentials::apiKeyName))
            .secret();

    static final Setting<Optional<Path>> API_PRIVATE_KEY_FILE = Setting.define(UPSTREAM_CONNECTION,
            "api-private-key-file", ValueTypes.optional(ValueTypes.readableFile()), Optional.empty(),
            "PEM file with the EC private key of api-key-name.",
            s -> s.credentials().map(Settings.Credentials::apiPrivateKeyFile));

    // Ring
    // 8192 slots are 4 s of slack at 2 000 ticks/s; at 4096 an overloaded (b) run dropped ticks (BENCHMARKS.md).
    static final Setting<Integer> RING_SIZE = Setting.define(RING, "ring-size",
            ValueTypes.powerOfTwo(1024, 16_777_216), 8_192,
            "Slots in the ring between the upstream event loops and the consumer.",
            s -> s.ring().size());

    static final Setting<RingWaitStrategy> RING_WAIT_STRATEGY = Setting.define(RING, "ring-wait-strategy",
            ValueTypes.oneOf(RingWaitStrategy.values(), RingWaitStrategy::key), RingWaitStrategy.BLOCKING,
            "How the ring consumer waits for ticks: the blocking kinds park until a tick wakes them, "
                    + "phased-backoff first spins for 50 microseconds, sleeping naps in steps of about 60, "
                    + "yielding never parks and keeps a core busy (one of two on a 2-core machine). "
                    + "Measured in BENCHMARKS.md.",
            s -> s.ring().waitStrategy());

    // Downstream server
    static final Setting<String> LISTEN_HOST = Setting.define(SERVER, "listen-host",
            ValueTypes.matching(HOST, "a host name or IP address such as 127.0.0.1, 0.0.0.0 or ::1", "HOST"),
            "127.0.0.1",
            "Address the WebSocket and HTTP server listens on; 0.0.0.0 for every interface.",
            s -> s.server().listenHost());

    static final Setting<Integer> LISTEN_PORT = Setting.define(SERVER, "listen-port",
            ValueTypes.integer(0, 65535), 8787,
            "TCP port of the WebSocket (/ws) and HTTP server; 0 picks a free port.",
            s -> s.server().listenPort());

    static final Setting<Integer> FANOUT_THREADS = Setting.define(SERVER, "fanout-threads",
            ValueTypes.integer(1, 64), 2,
            "Event loops writing to downstream clients; each client is served by one of them.",
            s -> s.server().fanoutThreads());

    static final Setting<Integer> MAX_CLIENTS = Setting.define(SERVER, "max-clients",
            ValueTypes.integer(1, 100_000), 1000,
            "WebSocket clients connected at once; one more is told so and closed with 1013.",
            s -> s.server().maxClients());

    static final Setting<Integer> MAX_SUBSCRIPTIONS = Setting.define(SERVER, "max-subscriptions",
            ValueTypes.integer(1, 100_000), 1000,
            "Product subscriptions per client, counted per channel; \"*\" counts as one.",
            s -> s.server().maxSubscriptions());

    static final Setting<Integer> COMMANDS_PER_SECOND = Setting.define(SERVER, "commands-per-second",
            ValueTypes.integer(1, 10_000), 20,
            "Commands a client may send per second (token bucket); more are answered rate_limited.",
            s -> s.server().commandsPerSecond());

    static final Setting<Integer> MAX_COMMAND_SIZE = Setting.define(SERVER, "max-command-size",
            ValueTypes.byteSize(256, (int) (16 * ByteSizeFormat.MIB)), (int) (64 * ByteSizeFormat.KIB),
            "Largest message a client may send; a larger one closes the connection with 1009.",
            s -> s.server().maxCommandSize());

    static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.define(SERVER, "heartbeat-interval",
            ValueTypes.duration(Duration.ofMillis(100), LONGEST), Duration.ofSeconds(30),
            "Interval of heartbeat messages and pings to clients; a client silent for 2.5 intervals is closed.",
            s -> s.server().heartbeatInterval());

    static final Setting<Duration> SLOW_CLIENT_TIMEOUT = Setting.define(SERVER, "slow-client-timeout",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(30),
            "A client that cannot take more data for this long is closed with 4001.",
            s -> s.server().slowClientTimeout());

    static final Setting<Integer> WRITE_BUFFER_LOW = Setting.define(SERVER, "write-buffer-low",
            ValueTypes.byteSize((int) ByteSizeFormat.KIB, (int) (1024 * ByteSizeFormat.MIB)),
            (int) (32 * ByteSizeFormat.KIB),
            "Queued bytes below which a slow client counts as writable again; at most write-buffer-high.",
            s -> s.server().writeBufferLow());

    static final Setting<Integer> WRITE_BUFFER_HIGH = Setting.define(SERVER, "write-buffer-high",
            ValueTypes.byteSize((int) ByteSizeFormat.KIB, (int) (1024 * ByteSizeFormat.MIB)),
            (int) (64 * ByteSizeFormat.KIB),
            "Queued bytes above which a client is slow: it then gets only the latest ticker per product.",
            s -> s.server().writeBufferHigh());

    static final Setting<Duration> FLUSH_LINGER = Setting.define(SERVER, "fanout-flush-linger",
            ValueTypes.duration(Duration.ZERO, Duration.ofMillis(100)), Duration.ZERO,
            "Least time between two flushes of a fanout event loop's clients (0: once per loop turn); more ticks per "
                    + "send at high rates, for at most this much added latency.",
            s -> s.server().flushLinger());

    static final Setting<Duration> HTTP_REQUEST_TIMEOUT = Setting.define(SERVER, "http-request-timeout",
            ValueTypes.duration(Duration.ofMillis(100), LONGEST), Duration.ofSeconds(10),
            "Time a client has to send a whole HTTP request (headers and body), from connecting or from the request's "
                    + "first byte, and to complete a WebSocket upgrade; a slower one is closed.",
            s -> s.server().httpRequestTimeout());

    static final Setting<Boolean> WEBSOCKET_COMPRESSION = Setting.define(SERVER, "websocket-compression",
            ValueTypes.bool(), true,
            "permessage-deflate (RFC 7692) for WebSocket clients that offer it (browsers do): each tick compressed "
                    + "once and shared; false sends every frame uncompressed.",
            s -> s.server().webSocketCompression());

    // Each entry holds ~0.6 KB of heap from the start: 8192 instead of 16384 is 5 MB less resident (BENCHMARKS.md).
    static final Setting<Integer> HISTORY_SIZE = Setting.define(SERVER, "history-size",
            ValueTypes.powerOfTwo(1024, 16_777_216), 8_192,
            "Recent ticks kept for clients that resume with since_seq.",
            s -> s.server().historySize());

    static final Setting<Integer> WINDOW_MINUTES = Setting.define(SERVER, "window-minutes",
            ValueTypes.integer(1, 1440), 5,
            "Length of the volume-alert window in minutes.",
            s -> s.server().windowMinutes())
            .withEnvAlias("WINDOW_MINUTES");

    static final Setting<Double> VOLUME_THRESHOLD = Setting.define(SERVER, "volume-threshold",
            ValueTypes.decimal(1.0, 1000.0), 3.0,
            "A volume alert fires when a window's volume exceeds this multiple of the average of earlier windows.",
            s -> s.server().volumeThreshold())
            .withEnvAlias("VOLUME_THRESHOLD");

    static final Setting<Optional<String>> AUTH_TOKEN = Setting.define(SERVER, "auth-token",
            ValueTypes.optional(ValueTypes.bearerToken()), Optional.empty(),
            "Bearer token clients must present on /ws, the Coinbase-compatible endpoints and /api/*; "
                    + "none: no token needed. Prefer the environment variable to the command line.",
            s -> s.server().authToken())
            .secret();

    static final Setting<Integer> MAX_CONNECTIONS_PER_IP = Setting.define(SERVER, "max-connections-per-ip",
            ValueTypes.integer(1, 100_000), 1000,
            "WebSocket connections one client address may hold at once; the next upgrade is refused with 429.",
            s -> s.server().maxConnectionsPerIp());

    static final Setting<Optional<Path>> COMPAT_JWT_PUBLIC_KEY_FILE = Setting.define(SERVER,
            "compat-jwt-public-key-file", ValueTypes.optional(ValueTypes.readableFile()), Optional.empty(),
            "PEM public key(s) whose ES256 JWTs the Coinbase-compatible Advanced Trade endpoint verifies; "
                    + "none: a jwt field is accepted without checking, as on Coinbase's public channels.",
            s -> s.compat().jwtPublicKeyFile());

    static final Setting<List<String>> ALLOWED_ORIGINS = Setting.define(SERVER, "allowed-origins",
            ValueTypes.originList(), List.of(),
            "Browser origins (scheme://host[:port]) allowed on /ws, the compatible endpoints and /api/*; a request "
                    + "with another Origin header gets 403. None: any origin.",
            s -> s.server().allowedOrigins());

    // Health
    static final Setting<Double> HEALTH_READY_COVERAGE = Setting.define(HEALTH, "health-ready-coverage",
            ValueTypes.decimal(0.0, 1.0), 0.95,
            "Fraction of planned products receiving data for /health to report ready.",
            s -> s.health().readyCoverage());

    static final Setting<Double> HEALTH_DOWN_COVERAGE = Setting.define(HEALTH, "health-down-coverage",
            ValueTypes.decimal(0.0, 1.0), 0.5,
            "Fraction of planned products receiving data below which /health reports down; at most "
                    + "health-ready-coverage.",
            s -> s.health().downCoverage());

    // Daemon
    static final Setting<Boolean> SIMULATE = Setting.define(DAEMON, "simulate",
            ValueTypes.bool(), false,
            "Run against the built-in simulator instead of Coinbase.",
            s -> s.daemon().simulate());

    static final Setting<Double> SIMULATE_RATE = Setting.define(DAEMON, "simulate-rate",
            ValueTypes.positiveDecimal(1_000_000), 40.0,
            "Ticks per second the simulator produces.",
            s -> s.daemon().simulateRate());

    static final Setting<Duration> HEALTH_LOG_INTERVAL = Setting.define(DAEMON, "health-log-interval",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(30),
            "Interval between health summaries in the log.",
            s -> s.daemon().healthLogInterval());

    static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.define(DAEMON, "shutdown-timeout",
            ValueTypes.duration(SHORTEST, LONGEST), Duration.ofSeconds(5),
            "Time allowed for a clean shutdown before connections are dropped.",
            s -> s.daemon().shutdownTimeout());

    static final Setting<NetworkTransport> TRANSPORT = Setting.define(DAEMON, "transport",
            ValueTypes.oneOf(NetworkTransport.values(), NetworkTransport::key), NetworkTransport.AUTO,
            "Network transport of the upstream connections and the downstream server: auto is native epoll on "
                    + "Linux, else nio; epoll or io_uring that cannot load stops start-up.",
            s -> s.daemon().transport());

    // Scale-out (NATS JetStream)
    static final Setting<Role> ROLE = Setting.define(SCALE_OUT, "role",
            ValueTypes.oneOf(Role.values(), Role::key), Role.ALL,
            "What this process does: all of it (with nats-url set it also publishes its ticks to the bus), ingest "
                    + "(upstream and ring, publishing to the bus) or fanout (no upstream: consumes the bus, serves "
                    + "subscribers).",
            s -> s.cluster().role());

    static final Setting<InstanceSlot> INSTANCE = Setting.define(SCALE_OUT, "instance",
            ValueTypes.instanceSlot(), InstanceSlot.ONLY,
            "This ingest node's share of the upstream work, as slot i of N ingest nodes.",
            s -> s.cluster().instance());

    static final Setting<String> NODE_NAME = Setting.derive(SCALE_OUT, "node-name",
            ValueTypes.matching(BUS_NAME, "a name of 1 to 64 characters from A-Z, a-z, 0-9, _ and -", "NAME"),
            resolved -> NodeNames.ofThisHost(), NodeNames.DEFAULT_DESCRIPTION,
            "This node's name on the bus, in its status subjects and its log lines.",
            s -> s.cluster().nodeName());

    static final Setting<List<URI>> NATS_URL = Setting.define(SCALE_OUT, "nats-url",
            ValueTypes.natsServerList(), List.of(),
            "NATS servers to connect to (nats://host:port or tls://host:port, comma-separated); none: no bus.",
            s -> s.bus().servers());

    static final Setting<Optional<Path>> NATS_CREDENTIALS_FILE = Setting.define(SCALE_OUT, "nats-credentials-file",
            ValueTypes.optional(ValueTypes.readableFile()), Optional.empty(),
            "NATS .creds file (user JWT and NKey seed) to authenticate with; none: connect without credentials.",
            s -> s.bus().credentialsFile());

    static final Setting<Optional<Path>> NATS_TLS_CA_FILE = Setting.define(SCALE_OUT, "nats-tls-ca-file",
            ValueTypes.optional(ValueTypes.readableFile()), Optional.empty(),
            "PEM CA certificate trusted for tls:// servers besides the system trust store.",
            s -> s.bus().tlsCaFile());

    static final Setting<String> NATS_STREAM = Setting.define(SCALE_OUT, "nats-stream",
            ValueTypes.matching(BUS_NAME, "a stream name of 1 to 64 characters from A-Z, a-z, 0-9, _ and -",
                    "NAME"),
            "TICKERPLANT",
            "JetStream stream the ticks are kept in.",
            s -> s.bus().stream());

    static final Setting<String> NATS_SUBJECT_PREFIX = Setting.define(SCALE_OUT, "nats-subject-prefix",
            ValueTypes.matching(SUBJECT_PREFIX, "dot-separated tokens of A-Z, a-z, 0-9, _ and - such as "
                    + "tickerplant or desk1.tickerplant (no empty token, no * or >)", "PREFIX"),
            "tickerplant",
            "First tokens of every subject the nodes publish on.",
            s -> s.bus().subjectPrefix());

    static final Setting<Integer> NATS_REPLICAS = Setting.define(SCALE_OUT, "nats-replicas",
            ValueTypes.integer(1, 5), 1,
            "Copies of the stream JetStream keeps on different servers of its cluster.",
            s -> s.bus().replicas());

    static final Setting<Duration> NATS_MAX_AGE = Setting.define(SCALE_OUT, "nats-max-age",
            ValueTypes.duration(ONE_SECOND, Duration.ofDays(365)), Duration.ofHours(24),
            "Age after which the stream discards a tick.",
            s -> s.bus().maxAge());

    static final Setting<Long> NATS_MAX_MSGS_PER_SUBJECT = Setting.define(SCALE_OUT, "nats-max-msgs-per-subject",
            ValueTypes.longAtLeast(1), 100_000L,
            "Ticks the stream keeps per subject; older ones are discarded first.",
            s -> s.bus().maxMsgsPerSubject());

    static final Setting<Duration> NATS_DUPLICATE_WINDOW = Setting.define(SCALE_OUT, "nats-duplicate-window",
            ValueTypes.duration(ONE_SECOND, LONGEST), Duration.ofMinutes(2),
            "Time within which JetStream drops a tick published again with the same id; at most nats-max-age.",
            s -> s.bus().duplicateWindow());

    static final Setting<Integer> NATS_PUBLISH_BUFFER = Setting.define(SCALE_OUT, "nats-publish-buffer",
            ValueTypes.integer(1, 16_777_216), 65_536,
            "Ticks held while the bus is unreachable; beyond that they are counted as dropped.",
            s -> s.bus().publishBuffer());

    static final Setting<Integer> NATS_MAX_PENDING_ACKS = Setting.define(SCALE_OUT, "nats-max-pending-acks",
            ValueTypes.integer(1, 65_536), 4_096,
            "Asynchronous publishes that may await their ack from JetStream at once.",
            s -> s.bus().maxPendingAcks());

    static final Setting<Duration> NATS_UNREACHABLE_THRESHOLD = Setting.define(SCALE_OUT,
            "nats-unreachable-threshold", ValueTypes.duration(ONE_SECOND, LONGEST), Duration.ofSeconds(10),
            "Time the bus may be unreachable before a fanout node's /health answers 503.",
            s -> s.bus().unreachableThreshold());

    // Operations
    static final Setting<Duration> CATALOG_REFRESH_INTERVAL = Setting.define(OPERATIONS, "catalog-refresh-interval",
            ValueTypes.duration(Duration.ZERO, Duration.ofDays(7)), Duration.ofHours(1),
            "How often the product catalog is fetched again, so that new listings join and delisted products leave "
                    + "without a restart (0: never).",
            s -> s.operations().catalogRefreshInterval());

    static final Setting<Optional<String>> ADMIN_TOKEN = Setting.define(OPERATIONS, "admin-token",
            ValueTypes.optional(ValueTypes.bearerToken()), Optional.empty(),
            "Bearer token of the admin API under /admin/ on the listen port; none: the admin API is off. Prefer the "
                    + "environment variable to the command line.",
            s -> s.operations().adminToken())
            .secret();

    /** Every setting in help order; a derived default may only depend on a setting listed before it. */
    static final List<Setting<?>> ALL = List.of(
            PRODUCTS, TOP_N, QUOTE_CURRENCY, PRIORITY_PRODUCTS, PRIORITY_PRODUCTS_PER_CONNECTION, PRODUCTS_PER_CONNECTION,
            REDUNDANCY,
            UPSTREAM_PROTOCOL, UPSTREAM_URL, REST_URL, CATALOG_CACHE_FILE,
            CONNECT_TIMEOUT, SUBSCRIBE_TIMEOUT, WATCHDOG_TIMEOUT,
            BACKOFF_INITIAL, BACKOFF_MAX, BACKOFF_MULTIPLIER, BACKOFF_RESET_AFTER,
            CONNECT_RATE_LIMIT, SUBSCRIBE_RATE_LIMIT, WS_PING_INTERVAL, MAX_FRAME_SIZE, TRUST_CERT_FILE,
            API_KEY_NAME, API_PRIVATE_KEY_FILE,
            RING_SIZE, RING_WAIT_STRATEGY,
            LISTEN_HOST, LISTEN_PORT, FANOUT_THREADS, MAX_CLIENTS, MAX_SUBSCRIPTIONS, COMMANDS_PER_SECOND,
            MAX_COMMAND_SIZE, HEARTBEAT_INTERVAL, SLOW_CLIENT_TIMEOUT, WRITE_BUFFER_LOW, WRITE_BUFFER_HIGH,
            FLUSH_LINGER, HTTP_REQUEST_TIMEOUT, WEBSOCKET_COMPRESSION, HISTORY_SIZE, WINDOW_MINUTES, VOLUME_THRESHOLD,
            AUTH_TOKEN, MAX_CONNECTIONS_PER_IP, ALLOWED_ORIGINS,
            COMPAT_JWT_PUBLIC_KEY_FILE,
            HEALTH_READY_COVERAGE, HEALTH_DOWN_COVERAGE,
            SIMULATE, SIMULATE_RATE, HEALTH_LOG_INTERVAL, SHUTDOWN_TIMEOUT, TRANSPORT,
            ROLE, INSTANCE, NODE_NAME,
            NATS_URL, NATS_CREDENTIALS_FILE, NATS_TLS_CA_FILE, NATS_STREAM, NATS_SUBJECT_PREFIX, NATS_REPLICAS,
            NATS_MAX_AGE, NATS_MAX_MSGS_PER_SUBJECT, NATS_DUPLICATE_WINDOW, NATS_PUBLISH_BUFFER,
            NATS_MAX_PENDING_ACKS, NATS_UNREACHABLE_THRESHOLD,
            CATALOG_REFRESH_INTERVAL, ADMIN_TOKEN);

    private static final Map<String, Setting<?>> BY_KEY = ALL.stream()
            .collect(Collectors.toMap(Setting::key, s -> s, (a, b) -> {
                throw new IllegalStateException("setting key " + a.key() + " is defined twice");
            }, LinkedHashMap::new));

    private SettingDefinitions() {
    }

    static Optional<Setting<?>> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    static List<String> keys() {
        return List.copyOf(BY_KEY.keySet());
    }

    private static String perProtocol(Function<CoinbaseProtocol, URI> url) {
        return Arrays.stream(CoinbaseProtocol.values())
                .map(protocol -> url.apply(protocol) + " for " + protocol.key())
                .collect(Collectors.joining(", "));
    }
}
