package dev.tickerplant.sim;

import dev.tickerplant.sim.feed.FeedSettings;
import dev.tickerplant.sim.feed.SubscribeRateAction;
import dev.tickerplant.sim.market.EmittedTickLog;
import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.TickSchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Immutable, validated settings of a {@link Simulator}. Start from {@link #defaults()} and adjust with the
 * {@code with*} methods.
 *
 * @param host                          bind address of both servers
 * @param port                          WebSocket/REST port; 0 picks a free one
 * @param controlPort                   control API port; 0 picks a free one, -1 disables the control server
 * @param tickRate                      total trades per second over all products
 * @param seed                          makes the catalog and the sequence of trades reproducible
 * @param schedule                      pacing of the trades (Poisson or constant-rate) and how each picks its product
 * @param tls                           serve wss/https with the bundled self-signed certificate
 * @param subscribeTimeout              a connection without a valid subscribe by then is closed (1000 "subscribe timeout")
 * @param maxConnectionsPerSecond       WebSocket upgrades accepted per client IP in any sliding second; more get HTTP 429
 * @param maxSubscribeMessagesPerSecond subscribe/unsubscribe messages per client IP in any sliding second
 * @param subscribeRateAction           what happens to messages beyond that limit
 * @param heartbeatInterval             period of heartbeats on both protocols
 * @param tickerBatchInterval           period of {@code ticker_batch} frames
 * @param emittedLogCapacity            how many of the latest ticks the {@link EmittedTickLog} keeps
 * @param omitClientId                  leave {@code client_id} out of Advanced Trade envelopes
 * @param heartbeatCounterAsString      send {@code heartbeat_counter} as a string instead of a number
 * @param intendedTimestamps            Advanced Trade ticker updates carry their trade's time (with a constant
 *                                      schedule: the intended send time) as the envelope {@code timestamp}
 * @param jwtVerifier                   decides whether a {@code jwt} field in an Advanced Trade subscribe is valid
 * @param startPaused                   start with tick generation paused
 * @param workerThreads                 event-loop threads serving WebSocket connections
 * @param clock                         wall clock for timestamps
 * @param nanoTime                      monotonic clock for pacing, uptime and rate windows
 */
public record SimulatorOptions(
        String host,
        int port,
        int controlPort,
        double tickRate,
        long seed,
        TickSchedule schedule,
        boolean tls,
        Duration subscribeTimeout,
        int maxConnectionsPerSecond,
        int maxSubscribeMessagesPerSecond,
        SubscribeRateAction subscribeRateAction,
        Duration heartbeatInterval,
        Duration tickerBatchInterval,
        int emittedLogCapacity,
        boolean omitClientId,
        boolean heartbeatCounterAsString,
        boolean intendedTimestamps,
        Predicate<String> jwtVerifier,
        boolean startPaused,
        int workerThreads,
        Clock clock,
        LongSupplier nanoTime) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DISABLED = -1;
    public static final double DEFAULT_TICK_RATE = 40;
    public static final long DEFAULT_SEED = 1;
    /** Coinbase disconnects a connection that has not subscribed within 5 s. */
    public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);
    /** Coinbase's documented limit: 8 new WebSocket connections per second per IP. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_SECOND = 8;
    /** Coinbase's documented limit: 8 unauthenticated subscribe/unsubscribe messages per second per IP. */
    public static final int DEFAULT_MAX_SUBSCRIBE_MESSAGES_PER_SECOND = 8;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TICKER_BATCH_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_WORKER_THREADS = 2;

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: an address to bind, e.g. 127.0.0.1)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 for any free port)");
        }
        if (controlPort < DISABLED || controlPort > 65535) {
            throw new IllegalArgumentException("controlPort: " + controlPort
                    + " (expected: 0..65535, 0 for any free port, -1 to disable)");
        }
        if (!(tickRate >= 0) || tickRate > Market.MAX_TICKS_PER_SECOND) {
            throw new IllegalArgumentException("tickRate: " + tickRate + " (expected: 0.." + Market.MAX_TICKS_PER_SECOND
                    + " ticks per second)");
        }
        if (emittedLogCapacity < 1) {
            throw new IllegalArgumentException("emittedLogCapacity: " + emittedLogCapacity + " (expected: >= 1)");
        }
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoTime, "nanoTime");
        // The feed validates the rest, naming the same settings.
        new FeedSettings(host, port, null, subscribeTimeout, maxConnectionsPerSecond, maxSubscribeMessagesPerSecond,
                subscribeRateAction, heartbeatInterval, tickerBatchInterval, omitClientId, heartbeatCounterAsString,
                intendedTimestamps, jwtVerifier, clock, nanoTime, workerThreads);
    }

    /**
     * Loopback, ephemeral ports, 40 Poisson ticks/s, seed 1, plain ws/http, Coinbase's documented limits and timings.
     */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(DEFAULT_HOST, 0, 0, DEFAULT_TICK_RATE, DEFAULT_SEED, TickSchedule.poisson(), false,
                DEFAULT_SUBSCRIBE_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_SECOND, DEFAULT_MAX_SUBSCRIBE_MESSAGES_PER_SECOND,
                SubscribeRateAction.RECORD, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_TICKER_BATCH_INTERVAL,
                EmittedTickLog.DEFAULT_CAPACITY, false, false, false, FeedSettings::wellFormedJwt, false,
                DEFAULT_WORKER_THREADS, Clock.systemUTC(), System::nanoTime);
    }

    public SimulatorOptions withHost(String value) {
        return new SimulatorOptions(value, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withPort(int value) {
        return new SimulatorOptions(host, value, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withControlPort(int value) {
        return new SimulatorOptions(host, port, value, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withTickRate(double value) {
        return new SimulatorOptions(host, port, controlPort, value, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withSeed(long value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, value, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withSchedule(TickSchedule value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, value, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withTls(boolean value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, value, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withSubscribeTimeout(Duration value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, value,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withMaxConnectionsPerSecond(int value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout, value,
                maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval, tickerBatchInterval,
                emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withMaxSubscribeMessagesPerSecond(int value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, value, subscribeRateAction, heartbeatInterval, tickerBatchInterval,
                emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withSubscribeRateAction(SubscribeRateAction value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, value, heartbeatInterval, tickerBatchInterval,
                emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withHeartbeatInterval(Duration value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, value,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withTickerBatchInterval(Duration value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval, value,
                emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withEmittedLogCapacity(int value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, value, omitClientId, heartbeatCounterAsString, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withOmitClientId(boolean value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, value, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withHeartbeatCounterAsString(boolean value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, value, intendedTimestamps, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withIntendedTimestamps(boolean value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, value, jwtVerifier,
                startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withJwtVerifier(Predicate<String> value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                value, startPaused, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withStartPaused(boolean value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, value, workerThreads, clock, nanoTime);
    }

    public SimulatorOptions withWorkerThreads(int value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, value, clock, nanoTime);
    }

    public SimulatorOptions withClock(Clock value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, value, nanoTime);
    }

    public SimulatorOptions withNanoTime(LongSupplier value) {
        return new SimulatorOptions(host, port, controlPort, tickRate, seed, schedule, tls, subscribeTimeout,
                maxConnectionsPerSecond, maxSubscribeMessagesPerSecond, subscribeRateAction, heartbeatInterval,
                tickerBatchInterval, emittedLogCapacity, omitClientId, heartbeatCounterAsString, intendedTimestamps,
                jwtVerifier, startPaused, workerThreads, clock, value);
    }
}
