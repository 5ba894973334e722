package dev.tickerplant.bus;

import dev.tickerplant.fanout.alerts.VolumeAlerts;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.ingest.ring.TickListener;
import io.nats.client.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tells the bus about unusual volume as this node sees it: the same {@code volume_alert} objects the native protocol
 * sends, on {@code <prefix>.alert.<PRODUCT_ID>} (core NATS, not stored). For consumers of the bus other than fanout
 * nodes, which compute their own alerts from the ticks they read. The ring consumer only detects; a thread of its own
 * publishes, so the consumer never waits on the bus.
 */
public final class AlertPublisher implements TickListener, AutoCloseable {
    private final BusConnection bus;
    private final Subjects subjects;
    private final VolumeAlerts detector;
    private final LongAdder published = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bus-alerts");
        t.setDaemon(true);
        return t;
    });

    public AlertPublisher(BusConnection bus, int windowMinutes, double threshold) {
        this.bus = bus;
        this.subjects = bus.options().subjects();
        this.detector = new VolumeAlerts(windowMinutes, threshold, this::onAlert);
    }

    @Override
    public void onTick(TickEvent event) {
        detector.onTick(event);
    }

    /** The volume-alert threshold from the next tick on (a reload of the settings). */
    public void volumeThreshold(double threshold) {
        detector.threshold(threshold);
    }

    private void onAlert(TickEvent event, int windowMinutes, double volume, double average, double threshold) {
        String product = event.ticker.productId.toString();
        byte[] payload = ServerMessages.volumeAlert(product, windowMinutes, volume, average, threshold,
                event.receivedEpochNanos);
        sender.execute(() -> publish(subjects.alert(product), payload));
    }

    private void publish(String subject, byte[] payload) {
        Connection connection = bus.connection().getNow(null);
        if (connection == null || !bus.connected()) {
            unsent.increment(); // an alert is news of the moment: not held for later
            return;
        }
        connection.publish(subject, payload);
        published.increment();
    }

    /** Alerts put on the bus since start. */
    public long published() {
        return published.sum();
    }

    /** Alerts raised while the bus was unreachable, so not told. */
    public long unsent() {
        return unsent.sum();
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
