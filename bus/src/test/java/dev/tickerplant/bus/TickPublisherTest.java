package dev.tickerplant.bus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.testing.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The publish buffer bounds every tick not yet acked, those waiting for a retry included. */
class TickPublisherTest {
    private static final int BUFFER = 5;

    @Test
    void ticksWhosePublishFailedCountAgainstTheBufferAndAreStoredOnceTheStreamIsBack() throws Exception {
        BusOptions defaults = BusOptions.defaults(List.of("nats://127.0.0.1:1"), "ingest-1");
        try (NatsServerProcess nats = NatsServerProcess.start("publisher");
             BusConnection bus = BusConnection.open(withBuffer(defaults, nats.clientUrl()));
             TickPublisher publisher = new TickPublisher(bus).start();
             Connection admin = Nats.connect(nats.clientUrl())) {
            publisher.onTick(tick(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 1);

            // Without the stream every publish fails at once and is sent again: the failed ones are still held.
            admin.jetStreamManagement().deleteStream(bus.options().stream());
            for (int i = 1; i <= 100; i++) {
                publisher.onTick(tick(i));
                assertTrue(publisher.figures().buffered() <= BUFFER, () -> "held " + publisher.figures().buffered());
            }
            assertEquals(100 - BUFFER, publisher.figures().dropped.sum(), "accepted beyond the buffer");
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().retried.sum() > BUFFER);

            TickStream.ensure(admin, bus.options());
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 1 + BUFFER);
            assertEquals(BUFFER, admin.jetStreamManagement().getStreamInfo(bus.options().stream())
                    .getStreamState().getMsgCount(), "the held ticks, each once");

            publisher.onTick(tick(101));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 2 + BUFFER);
            assertEquals(100 - BUFFER, publisher.figures().dropped.sum(), "room again once they were stored");
        }
    }

    private static BusOptions withBuffer(BusOptions o, String server) {
        return new BusOptions(List.of(server), o.credentialsFile(), o.tlsCaFile(), o.nodeName(), o.stream(),
                o.subjectPrefix(), o.replicas(), o.maxAge(), o.maxMsgsPerSubject(), o.duplicateWindow(), BUFFER, 64,
                o.unreachableThreshold());
    }

    private static TickEvent tick(int sequence) {
        TickEvent e = new TickEvent();
        e.productIndex = 0;
        e.accepted = true;
        e.globalSeq = sequence + 1;
        e.ticker.productId.set("BTC-USD");
        e.ticker.exchangeSequence = sequence;
        e.ticker.field(TickField.PRICE).set("100." + sequence);
        e.receivedEpochNanos = 1_000_000_000L * (1_700_000_000L + sequence);
        return e;
    }
}
