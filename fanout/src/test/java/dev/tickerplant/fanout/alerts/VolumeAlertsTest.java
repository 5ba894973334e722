package dev.tickerplant.fanout.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeAlertsTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long T0 = 29_000_000L * MINUTE; // a window boundary

    record Alert(String product, int windowMinutes, double volume, double average, double threshold) {
    }

    private final List<Alert> alerts = new ArrayList<>();
    private final VolumeAlerts detector = new VolumeAlerts(1, 3.0, (event, minutes, volume, average, threshold) ->
            alerts.add(new Alert(event.ticker.productId.toString(), minutes, volume, average, threshold)));

    @Test
    void firesOnceWhenAWindowExceedsThresholdTimesTheAverageOfCompleteWindows() {
        tick24h(0, "BTC-USD", T0 + 10 * SECOND, "100");      // first, partial window: not averaged
        tick24h(0, "BTC-USD", T0 + 50 * SECOND, "190");      // 90 traded in the partial window
        tick24h(0, "BTC-USD", T0 + MINUTE + SECOND, "195");  // window 1: 5
        tick24h(0, "BTC-USD", T0 + MINUTE + 2 * SECOND, "200");  // window 1: 10
        tick24h(0, "BTC-USD", T0 + 2 * MINUTE, "210");       // window 2: 10
        tick24h(0, "BTC-USD", T0 + 3 * MINUTE, "230");       // window 3: 20, average 10: not yet
        tick24h(0, "BTC-USD", T0 + 3 * MINUTE + SECOND, "229"); // 24 h volume fell: no trade
        tick24h(0, "BTC-USD", T0 + 3 * MINUTE + 2 * SECOND, "244"); // window 3: 35 > 30: alert
        tick24h(0, "BTC-USD", T0 + 3 * MINUTE + 3 * SECOND, "300"); // still window 3: no second alert

        assertEquals(List.of(new Alert("BTC-USD", 1, 35.0, 10.0, 3.0)), alerts);
    }

    @Test
    void exchangeTicksUseLastSizeAndEmptyWindowsCountAsZero() {
        tickLastSize(1, "ETH-USD", T0 + SECOND, "1");        // partial window
        tickLastSize(1, "ETH-USD", T0 + MINUTE, "4");        // window 1: 4
        tickLastSize(1, "ETH-USD", T0 + 4 * MINUTE, "2");    // windows 2 and 3 were empty: average 4/3
        tickLastSize(1, "ETH-USD", T0 + 4 * MINUTE + SECOND, "2.1"); // 4.1 > 3 * 4/3 = 4

        assertEquals(1, alerts.size());
        assertEquals(4.1, alerts.get(0).volume(), 1e-9);
        assertEquals(4.0 / 3, alerts.get(0).average(), 1e-9);
    }

    @Test
    void productsAreIndependentAndTheFirstWindowAloneNeverAlerts() {
        tickLastSize(0, "A-USD", T0 + SECOND, "1000");
        tickLastSize(1, "B-USD", T0 + SECOND, "1");
        tickLastSize(1, "B-USD", T0 + MINUTE, "1");
        tickLastSize(0, "A-USD", T0 + MINUTE + SECOND, "1");
        tickLastSize(1, "B-USD", T0 + 2 * MINUTE, "5");

        assertEquals(List.of(new Alert("B-USD", 1, 5.0, 1.0, 3.0)), alerts);
    }

    @Test
    void rejectsMeaninglessSettings() {
        assertEquals("windowMinutes: 0 (expected: >= 1)", assertThrows(IllegalArgumentException.class,
                () -> new VolumeAlerts(0, 3, (e, m, v, a, t) -> { })).getMessage());
    }

    private static final long SECOND = 1_000_000_000L;

    private void tick24h(int index, String product, long receivedEpochNanos, String volume24h) {
        TickEvent e = event(index, product, receivedEpochNanos);
        e.ticker.field(TickField.VOLUME_24H).set(volume24h);
        detector.onTick(e);
    }

    private void tickLastSize(int index, String product, long receivedEpochNanos, String lastSize) {
        TickEvent e = event(index, product, receivedEpochNanos);
        e.ticker.field(TickField.LAST_SIZE).set(lastSize);
        detector.onTick(e);
    }

    private static TickEvent event(int index, String product, long receivedEpochNanos) {
        TickEvent e = new TickEvent();
        e.ticker.productId.set(product);
        e.productIndex = index;
        e.receivedEpochNanos = receivedEpochNanos;
        return e;
    }
}
