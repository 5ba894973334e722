package dev.tickerplant.bus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.testing.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A volume alert raised on an ingest node reaches a plain NATS subscriber on the product's alert subject. */
class AlertPublisherTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long T0 = 29_000_000L * MINUTE;

    @Test
    void anAlertGoesToTheProductsAlertSubject() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.start("alerts");
             BusConnection bus = BusConnection.open(BusOptions.defaults(List.of(nats.clientUrl()), "ingest-1"));
             AlertPublisher alerts = new AlertPublisher(bus, 1, 3.0)) {
            Connection listener = Nats.connect(nats.clientUrl());
            try {
                Subscription sub = listener.subscribe("tickerplant.alert.>");
                listener.flush(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(10)).until(bus::connected);

                tick(alerts, T0 + 1_000_000_000L, "100");
                tick(alerts, T0 + MINUTE, "110");       // window 1: 10
                tick(alerts, T0 + 2 * MINUTE, "120");   // window 2: 10, average 10
                tick(alerts, T0 + 2 * MINUTE + 1, "151"); // window 2: 41 > 30

                Message message = sub.nextMessage(Duration.ofSeconds(10));
                assertEquals("tickerplant.alert.BTC-USD", message.getSubject());
                String json = new String(message.getData(), StandardCharsets.UTF_8);
                assertTrue(json.startsWith("{\"type\":\"volume_alert\",\"product_id\":\"BTC-USD\",\"window_minutes\":1,"),
                        json);
                // Counted by the sender thread once publish() has returned, which may be after the message arrived.
                await().atMost(Duration.ofSeconds(10)).until(() -> alerts.published() == 1);
            } finally {
                listener.close();
            }
        }
    }

    private static void tick(AlertPublisher alerts, long receivedEpochNanos, String volume24h) {
        TickEvent e = new TickEvent();
        e.productIndex = 0;
        e.accepted = true;
        e.ticker.productId.set("BTC-USD");
        e.ticker.field(TickField.VOLUME_24H).set(volume24h);
        e.receivedEpochNanos = receivedEpochNanos;
        e.receivedNanos = receivedEpochNanos;
        alerts.onTick(e);
    }
}
