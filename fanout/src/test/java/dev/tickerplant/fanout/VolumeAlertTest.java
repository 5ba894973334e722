package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.WebSocketClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A product's traded volume in the current window beyond threshold x its recent average reaches alert watchers. */
class VolumeAlertTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long T0 = 29_500_000L * MINUTE;
    private final Harness harness = new Harness(Harness.options().withVolumeAlerts(1, 3.0));

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void alertWatchersGetOneVolumeAlertAndNoTickers() {
        WebSocketClient watcher = harness.client();
        watcher.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"alerts\"]}");
        watcher.nextJson("subscriptions");
        WebSocketClient other = harness.client();
        other.send("{\"type\":\"subscribe\",\"products\":[\"ETH-USD\"],\"channels\":[\"alerts\"]}");
        other.nextJson("subscriptions");

        harness.market.tick("BTC-USD", "100", "1", T0 + 1_000_000_000L);   // first, partial window
        harness.market.tick("BTC-USD", "100", "2", T0 + MINUTE);           // window 1: 2
        harness.market.tick("BTC-USD", "100", "2", T0 + 2 * MINUTE);       // window 2: 2, average 2
        harness.market.tick("BTC-USD", "100", "5", T0 + 3 * MINUTE);       // window 3: 5
        harness.market.tick("BTC-USD", "100", "2", T0 + 3 * MINUTE + 1);   // window 3: 7 > 6: alert
        harness.market.tick("BTC-USD", "100", "9", T0 + 3 * MINUTE + 2);   // already alerted in this window

        Map<String, Object> alert = watcher.nextJson("volume_alert");
        assertEquals(Map.of("type", "volume_alert", "product_id", "BTC-USD", "window_minutes", 1L, "volume", 7L,
                "average", 2L, "ratio", 3.5, "threshold", 3L, "time", "2026-02-02T02:43:00.000000Z"),
                alert);
        Harness.assertNothingElsePending(watcher);
        Harness.assertNothingElsePending(other);
    }
}
