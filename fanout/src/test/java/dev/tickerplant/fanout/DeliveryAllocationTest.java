package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.testing.WebSocketClient;
import dev.tickerplant.transport.Transport;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivering a tick to a subscriber (filter check, a retained slice of the batch's shared buffer, one write per batch
 * and one flush per loop turn) must not allocate per tick and subscriber: measured on the fanout event loops while 20
 * clients each receive every tick. On the native transport a slice is written by its memory address; on NIO the
 * transport makes two ByteBuffer views of every derived buffer it writes (about 135 bytes per delivery), so the test
 * needs the native one.
 *
 * <p>Netty's leak detector is off here, as in production (the service and scripts run with it disabled): at its
 * default sampling level every slice of a sampled buffer is tracked with a stack trace.
 */
class DeliveryAllocationTest {
    private static final int CLIENTS = 20;
    private static final int TICKS = 5_000;
    private static final double MAX_BYTES_PER_DELIVERY = 8;
    private static final int ONE_AT_A_TIME = 2_000;
    private static final double MAX_BYTES_PER_LONE_DELIVERY = 3;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // The status poll runs on a fanout loop and allocates a little each time: rarely here, so it is not counted.
    private final Harness harness = new Harness(Harness.options(), null, System::nanoTime, Duration.ofHours(1));

    private ResourceLeakDetector.Level leakDetection;

    @BeforeEach
    void asInProduction() {
        assumeTrue(Transport.forThisProcess() != Transport.NIO, "slices are garbage-free on the native transport only");
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterEach
    void close() {
        harness.close();
        if (leakDetection != null) {
            ResourceLeakDetector.setLevel(leakDetection);
        }
    }

    @Test
    void deliveriesAllocateNothingPerSubscriber() {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        List<WebSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            WebSocketClient client = harness.client();
            Harness.subscribe(client, "[\"*\"]", false);
            clients.add(client);
        }
        publishAndReceive(clients); // warm up
        long[] loopThreads = harness.server.loopThreadIds();

        long before = allocated(loopThreads);
        publishAndReceive(clients);
        long after = allocated(loopThreads);

        double perDelivery = (after - before) / (double) (CLIENTS * TICKS);
        System.out.printf("fanout loops: %.2f bytes allocated per delivery%n", perDelivery);
        assertTrue(perDelivery < MAX_BYTES_PER_DELIVERY, perDelivery + " bytes per delivery");
    }

    /**
     * One tick per batch, as at a quiet hour: each delivery is its own write and flush, and must still cost no
     * garbage (the slice comes from Netty's recycler and goes back to it once the socket has taken it).
     */
    @Test
    void tickByTickDeliveriesReuseTheStagingBuffer() {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        List<WebSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WebSocketClient client = harness.client();
            Harness.subscribe(client, "[\"*\"]", false);
            clients.add(client);
        }
        oneAtATime(clients, 500); // warm up
        long[] loopThreads = harness.server.loopThreadIds();

        long before = allocated(loopThreads);
        oneAtATime(clients, ONE_AT_A_TIME);
        long after = allocated(loopThreads);

        double perDelivery = (after - before) / (double) (clients.size() * ONE_AT_A_TIME);
        System.out.printf("fanout loops, one tick per batch: %.2f bytes allocated per delivery%n", perDelivery);
        assertTrue(perDelivery < MAX_BYTES_PER_LONE_DELIVERY, perDelivery + " bytes per delivery");
    }

    private void oneAtATime(List<WebSocketClient> clients, int ticks) {
        for (int i = 0; i < ticks; i++) {
            harness.market.tick(Harness.PRODUCTS.get(i % Harness.PRODUCTS.size()), "2." + i);
            for (WebSocketClient client : clients) {
                assertEquals(1, Harness.tickers(client, 1).size());
            }
        }
    }

    private void publishAndReceive(List<WebSocketClient> clients) {
        for (int i = 0; i < TICKS; i++) {
            harness.market.tick(Harness.PRODUCTS.get(i % Harness.PRODUCTS.size()), "1." + i);
        }
        for (WebSocketClient client : clients) {
            assertEquals(TICKS, Harness.tickers(client, TICKS).size());
        }
    }

    private long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += threads.getThreadAllocatedBytes(id);
        }
        return sum;
    }
}
