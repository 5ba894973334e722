package dev.tickerplant.bus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * At most {@code maxPendingAcks} publishes await their ack at once. A suspended server (SIGSTOP) acks nothing, so every
 * publish sent stays in flight: an unbounded publisher would have all the ticks out at once.
 */
class PendingAcksTest {
    private static final int MAX_PENDING = 8;
    private static final int TICKS = 200;

    @Test
    void aServerThatDoesNotAnswerHoldsOnlyMaxPendingAcksPublishesInFlight() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.start("pending-acks");
             BusConnection bus = BusConnection.open(PublisherFixture.options(nats.clientUrl(), 1_000, MAX_PENDING));
             TickPublisher publisher = new TickPublisher(bus).start()) {
            publisher.onTick(PublisherFixture.tick(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 1);

            nats.suspend();
            try {
                for (int i = 1; i <= TICKS; i++) {
                    publisher.onTick(PublisherFixture.tick(i));
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(MAX_PENDING,
                        publisher.figures().pendingAcks(), "publishes awaiting their ack"));
                // Sent and not answered (acked or failed): the publishes really out, by the publisher's own counts.
                PublishFigures f = publisher.figures();
                long out = f.sent.sum() - f.stored.sum() - f.duplicates.sum() - f.retried.sum();
                assertEquals(MAX_PENDING, out, "sent but unanswered");
                // The rest wait their turn; one of them may be in the publisher thread's hand, waiting for a permit.
                assertTrue(f.buffered() >= TICKS - MAX_PENDING - 1, () -> "waiting " + f.buffered() + ", sent "
                        + f.sent + ", stored " + f.stored + ", duplicates " + f.duplicates + ", retried " + f.retried
                        + ", dropped " + f.dropped);
            } finally {
                nats.resume();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                PublishFigures f = publisher.figures();
                assertTrue(f.pendingAcks() <= MAX_PENDING, () -> "in flight " + f.pendingAcks());
                assertEquals(1 + TICKS, f.stored.sum() + f.duplicates.sum(), "every tick acked");
            });
            try (Connection admin = Nats.connect(nats.clientUrl())) {
                assertEquals(1 + TICKS, admin.jetStreamManagement().getStreamInfo(bus.options().stream())
                        .getStreamState().getMsgCount(), "each tick stored once");
            }
        }
    }
}
