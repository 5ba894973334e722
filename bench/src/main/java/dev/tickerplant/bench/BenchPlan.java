package dev.tickerplant.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard each scenario runs. {@link #quick()} is the smoke run (under three minutes of scenarios,
 * nothing asserted); {@link #full()} is the one whose figures go into BENCHMARKS.md.
 *
 * @param warmUp           load before a window opens (JIT, pools, connection set-up)
 * @param realisticWarmUp  the same for scenario (a), whose low tick rate takes minutes to get the hot code compiled:
 *                         its CPU figure is meant to be the steady state
 * @param realisticWindow  scenario (a)
 * @param faultsWindow     scenario (a) under faults: how long the faults, hostile commands and connection cycles run
 * @param latencyWindow    scenarios (b) and the peer comparison
 * @param rampRates        scenario (c): total ticks per second, in order
 * @param rampStep         scenario (c): measurement per rate, after {@code rampSettle}
 * @param resetOneSamples  scenario (e): single-connection resets, each on a different connection
 * @param resetAllSamples  scenario (e): whole-feed resets, each on a freshly started daemon (backoff at its start
 *                         value) unless {@code resetAllOnFreshDaemon} is false (the quick run saves the restarts)
 * @param jmhArgs          scenario (d): JMH options
 */
public record BenchPlan(String mode, Duration warmUp, Duration realisticWarmUp, Duration realisticWindow,
                        Duration faultsWindow, Duration latencyWindow,
                        List<Integer> rampRates, Duration rampSettle, Duration rampStep, int resetOneSamples,
                        int resetAllSamples, boolean resetAllOnFreshDaemon, List<String> jmhArgs) {

    public static final int PRODUCTS = 300;
    public static final int REALISTIC_RATE = 40;
    public static final int REALISTIC_SUBSCRIBERS = 10;
    /**
     * (a) under faults: the load of an outside client's run that grew the resident size, (a)'s products and
     * subscribers on two legs (40 connections) at 300 ticks/s, with 2 000 hostile commands and 500 connect/disconnect
     * cycles spread over the full window (the quick run scales them down with its window).
     */
    public static final int FAULTS_RATE = 300;
    public static final int FAULTS_REDUNDANCY = 2;
    public static final int FAULTS_HOSTILE_COMMANDS = 2_000;
    public static final int FAULTS_CONNECT_CYCLES = 500;
    public static final Duration FAULTS_EVERY = Duration.ofSeconds(5);
    public static final int LATENCY_RATE = 2_000;
    public static final int LATENCY_SUBSCRIBERS = 100;
    /**
     * The XChange-stream comparison's rates, in order: one both keep up with (so the latency ratio compares two
     * systems that are not saturated), then the latency scenario's.
     */
    public static final List<Integer> PEER_RATES = List.of(200, LATENCY_RATE);
    public static final int RAMP_SUBSCRIBERS = 1_000;
    /** Scenario (c) stops at the first step whose subscriber p99 exceeds this, or that conflated any tick. */
    public static final double RAMP_P99_LIMIT_MICROS = 10_000;

    public BenchPlan {
        rampRates = List.copyOf(rampRates);
        jmhArgs = List.copyOf(jmhArgs);
    }

    public static BenchPlan quick() {
        return new BenchPlan("quick", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6),
                Duration.ofSeconds(3),
                List.of(50), Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1, false,
                List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "1", "-r", "1s"));
    }

    public static BenchPlan full() {
        return new BenchPlan("full", Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(150),
                Duration.ofSeconds(60),
                List.of(25, 50, 100, 200, 400, 700, 1_000, 1_500, 2_000), Duration.ofSeconds(3),
                Duration.ofSeconds(10), 20, 3, true,
                List.of("-f", "2", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"));
    }

    public static BenchPlan of(String mode) {
        return switch (mode) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("--mode: '" + mode + "' (expected: quick or full)");
        };
    }
}
