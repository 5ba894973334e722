package dev.tickerplant.ingest.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The de-duplication window: exactly the last N keys are found, whatever their hashes collide on. */
class RecentKeysTest {

    @Test
    void findsExactlyTheLastCapacityKeysWithTheirTimes() {
        RecentKeys recent = new RecentKeys(4);
        for (long k = 1; k <= 6; k++) {
            recent.add(k * 1000, k);
        }
        assertEquals(-1, recent.indexOf(1000));
        assertEquals(-1, recent.indexOf(2000));
        for (long k = 3; k <= 6; k++) {
            int slot = recent.indexOf(k * 1000);
            assertTrue(slot >= 0, "key " + k);
            assertEquals(k, recent.receivedNanos(slot));
        }
        assertEquals(4, recent.size());
    }

    @Test
    void agreesWithAPlainListOverManyRandomKeysAndEvictions() {
        Random random = new Random(7);
        RecentKeys recent = new RecentKeys(256);
        Deque<Long> window = new ArrayDeque<>();
        for (int n = 0; n < 200_000; n++) {
            // Few distinct values, so probes collide and repeats are frequent.
            long key = random.nextInt(600) * 64L;
            boolean expected = window.contains(key);
            assertEquals(expected, recent.indexOf(key) >= 0, "key " + key + " at step " + n);
            if (!expected) {
                recent.add(key, n);
                window.addLast(key);
                if (window.size() > 256) {
                    window.removeFirst();
                }
            }
        }
    }
}
