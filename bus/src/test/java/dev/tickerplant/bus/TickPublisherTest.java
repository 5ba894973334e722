package dev.tickerplant.bus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.nats.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The publish buffer bounds every tick not yet acked, those waiting for a retry included. */
class TickPublisherTest {
    private static final int BUFFER = 5;

    @Test
    void ticksWhosePublishFailedCountAgainstTheBufferAndAreStoredOnceTheStreamIsBack() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.start("publisher");
             BusConnection bus = BusConnection.open(PublisherFixture.options(nats.clientUrl(), BUFFER, 64));
             TickPublisher publisher = new TickPublisher(bus).start();
             Connection admin = Nats.connect(nats.clientUrl())) {
            publisher.onTick(PublisherFixture.tick(0));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 1);

            // Without the stream every publish fails at once and is sent again: the failed ones are still held.
            admin.jetStreamManagement().deleteStream(bus.options().stream());
            for (int i = 1; i <= 100; i++) {
                publisher.onTick(PublisherFixture.tick(i));
                assertTrue(publisher.figures().buffered() <= BUFFER, () -> "held " + publisher.figures().buffered());
            }
            assertEquals(100 - BUFFER, publisher.figures().dropped.sum(), "accepted beyond the buffer");
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().retried.sum() > BUFFER);

            TickStream.ensure(admin, bus.options());
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 1 + BUFFER);
            assertEquals(BUFFER, admin.jetStreamManagement().getStreamInfo(bus.options().stream())
                    .getStreamState().getMsgCount(), "the held ticks, each once");

            publisher.onTick(PublisherFixture.tick(101));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.figures().stored.sum() == 2 + BUFFER);
            assertEquals(100 - BUFFER, publisher.figures().dropped.sum(), "room again once they were stored");
        }
    }
}
