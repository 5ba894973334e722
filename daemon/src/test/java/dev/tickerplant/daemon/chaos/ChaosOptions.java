package dev.tickerplant.daemon.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * What a chaos run does. The test suite runs a short one; {@code scripts/chaos} a long one.
 *
 * @param faultPhase       how long connections are reset, stalled and sent malformed frames (redundant run)
 * @param tickRate         ticks per second the simulator emits over the whole market
 * @param subscribers      downstream clients subscribed to every product
 * @param slowSubscribers  how many of them read slowly (small socket buffer, a pause after each message)
 * @param resetEvery       one connection reset this often
 * @param stallEvery       one connection stalled (no frame at all any more) this often
 * @param malformedShare   malformed frames sent, as a share of the frames the simulator sends
 * @param rotations        planned make-before-break rotations in the single-leg run
 * @param drops            unplanned connection resets, one at a time, in the single-leg run
 * @param seed             for the simulator's market and the choice of victims
 */
record ChaosOptions(Duration faultPhase, double tickRate, int subscribers, int slowSubscribers,
                           Duration resetEvery, Duration stallEvery, double malformedShare, int rotations, int drops,
                           long seed) {

    public ChaosOptions {
        Objects.requireNonNull(faultPhase, "faultPhase");
        Objects.requireNonNull(resetEvery, "resetEvery");
        Objects.requireNonNull(stallEvery, "stallEvery");
        require(!faultPhase.isNegative() && !faultPhase.isZero(), "faultPhase", faultPhase, "> 0");
        require(tickRate > 0, "tickRate", tickRate, "> 0");
        require(subscribers >= 1, "subscribers", subscribers, ">= 1");
        require(slowSubscribers >= 0 && slowSubscribers < subscribers, "slowSubscribers", slowSubscribers,
                ">= 0 and < subscribers (" + subscribers + "), so that some read at full speed");
        require(resetEvery.toMillis() >= 100, "resetEvery", resetEvery, ">= 100 ms");
        require(stallEvery.toMillis() >= 100, "stallEvery", stallEvery, ">= 100 ms");
        require(malformedShare >= 0 && malformedShare <= 0.5, "malformedShare", malformedShare, ">= 0 and <= 0.5");
        require(rotations >= 0, "rotations", rotations, ">= 0");
        require(drops >= 0, "drops", drops, ">= 0");
    }

    /**
     * The schedule: a reset every 2 s, a stall every 10 s, 1 % malformed frames, 10 % slow subscribers, at
     * 300 ticks per second (fast enough that a slow reader falls behind the kernel's socket buffers within a minute).
     */
    static ChaosOptions defaults(Duration faultPhase) {
        return new ChaosOptions(faultPhase, 300, 20, 2, Duration.ofSeconds(2), Duration.ofSeconds(10), 0.01, 20, 5,
                1);
    }

    ChaosOptions withSeed(long value) {
        return new ChaosOptions(faultPhase, tickRate, subscribers, slowSubscribers, resetEvery, stallEvery,
                malformedShare, rotations, drops, value);
    }

    ChaosOptions withTickRate(double value) {
        return new ChaosOptions(faultPhase, value, subscribers, slowSubscribers, resetEvery, stallEvery,
                malformedShare, rotations, drops, seed);
    }

    ChaosOptions withSubscribers(int total, int slow) {
        return new ChaosOptions(faultPhase, tickRate, total, slow, resetEvery, stallEvery, malformedShare, rotations,
                drops, seed);
    }

    ChaosOptions withSingleLeg(int rotationCount, int dropCount) {
        return new ChaosOptions(faultPhase, tickRate, subscribers, slowSubscribers, resetEvery, stallEvery,
                malformedShare, rotationCount, dropCount, seed);
    }

    private static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }
}
