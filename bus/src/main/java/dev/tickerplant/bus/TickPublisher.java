package dev.tickerplant.bus;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.ingest.ring.TickListener;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every accepted tick on the bus: subject {@code <prefix>.ticker.<PRODUCT_ID>}, payload the native ticker JSON
 * (encoded once, here), header {@code Nats-Msg-Id} the tick's identity, so that the stream keeps one copy when two
 * ingest nodes publish the same tick.
 *
 * <p>The ring consumer only encodes and enqueues; it never waits for the bus. One publisher thread sends asynchronously
 * with at most {@code maxPendingAcks} publishes in flight. A tick is held from its acceptance until the stream acks it
 * (waiting, in flight, or waiting to be sent again); at most {@code publishBuffer} ticks are held, and while the bus
 * cannot take them further ones are counted as dropped. A publish that fails or is not acked in time is sent again:
 * its message id makes the retry harmless when the first attempt was stored after all.
 */
public final class TickPublisher implements TickListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TickPublisher.class);
    private static final long WAIT_FOR_BUS_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    /** After a failed publish, retries wait this long: a stream that refuses at once would otherwise be hammered. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BusConnection bus;
    private final Subjects subjects;
    private final ArrayBlockingQueue<Outgoing> queue;
    private final ConcurrentLinkedQueue<Outgoing> retries = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    /** Room for ticks not yet acked; one permit per tick from acceptance to ack, so retries count against the bound. */
    private final Semaphore room;
    private final int maxPendingAcks;
    private final PublishFigures figures = new PublishFigures();
    private final Thread thread;
    private final JsonBytes json = new JsonBytes(512);   // ring consumer only
    private String[] subjectByProduct = new String[64];  // ring consumer only, by market product index
    private boolean dropping;                            // ring consumer only
    private volatile boolean closing;
    private volatile long lastFailureNanos;

    public TickPublisher(BusConnection bus) {
        this.bus = bus;
        this.subjects = bus.options().subjects();
        this.queue = new ArrayBlockingQueue<>(bus.options().publishBuffer());
        this.maxPendingAcks = bus.options().maxPendingAcks();
        this.inFlight = new Semaphore(maxPendingAcks);
        this.room = new Semaphore(bus.options().publishBuffer());
        this.thread = new Thread(this::run, "bus-publisher");
        this.thread.setDaemon(true);
    }

    public TickPublisher start() {
        thread.start();
        return this;
    }

    public PublishFigures figures() {
        int pendingAcks = maxPendingAcks - inFlight.availablePermits();
        int held = bus.options().publishBuffer() - room.availablePermits();
        figures.pendingAcks = pendingAcks;
        // Held ticks not in flight: queued, awaiting a retry, or in the publisher's hand waiting for a send slot.
        figures.buffered = Math.max(0, held - pendingAcks);
        return figures;
    }

    // ---- ring consumer thread ------------------------------------------------------------------------------------

    @Override
    public void onTick(TickEvent event) {
        if (room.tryAcquire()) {
            json.reset();
            TickerJson.write(json, event.ticker, event.globalSeq, event.receivedEpochNanos);
            queue.add(new Outgoing(subject(event), messageId(event), Arrays.copyOf(json.array(), json.length())));
            if (dropping) {
                dropping = false;
                log.info("bus: publish buffer has room again; {} ticks were dropped so far", figures.dropped.sum());
            }
        } else {
            figures.dropped.increment();
            if (!dropping) {
                dropping = true;
                log.warn("bus: publish buffer full ({} ticks) while the bus cannot take them; dropping ticks at the"
                        + " bus until it can", bus.options().publishBuffer());
            }
        }
    }

    private String subject(TickEvent event) {
        int index = event.productIndex;
        if (index >= subjectByProduct.length) {
            subjectByProduct = Arrays.copyOf(subjectByProduct, Math.max(index + 1, subjectByProduct.length * 2));
        }
        String subject = subjectByProduct[index];
        if (subject == null) {
            subject = subjects.ticker(event.ticker.productId.toString());
            subjectByProduct[index] = subject;
        }
        return subject;
    }

    /**
     * The same on every ingest node that accepts the tick: Exchange ticks by their per-product sequence, Advanced Trade
     * ones (which carry no id) by the content key the market de-duplicated them with.
     */
    static String messageId(TickEvent event) {
        String product = event.ticker.productId.toString();
        return event.ticker.exchangeSequence >= 0 ? product + ":" + event.ticker.exchangeSequence
                : product + "#" + Long.toHexString(event.contentKey);
    }

    // ---- publisher thread ----------------------------------------------------------------------------------------

    private void run() {
        Connection connection;
        try {
            connection = bus.connection().get();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return;
        } catch (ExecutionException e) {
            log.error("bus: no connection, publishing stopped", e.getCause());
            return;
        }
        ensureStream(connection);
        JetStream js;
        try {
            js = connection.jetStream();
        } catch (IOException e) {
            log.error("bus: JetStream unavailable, publishing stopped: {}", e.getMessage());
            return;
        }
        while (!closing || !queue.isEmpty() || !retries.isEmpty() || inFlight.availablePermits() < maxPendingAcks) {
            if (Thread.currentThread().isInterrupted()) {
                break; // close() gave up waiting for the bus
            }
            if (!bus.connected()) {
                if (closing) {
                    break;
                }
                LockSupport.parkNanos(WAIT_FOR_BUS_NANOS);
                continue;
            }
            if (!retries.isEmpty() && System.nanoTime() - lastFailureNanos < RETRY_PAUSE_NANOS) {
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                continue;
            }
            Outgoing tick = retries.poll();
            try {
                if (tick == null) {
                    tick = queue.poll(WAIT_FOR_BUS_NANOS, TimeUnit.NANOSECONDS);
                    if (tick == null) {
                        continue;
                    }
                }
                inFlight.acquire();
            } catch (InterruptedException e) {
                break;
            }
            send(js, tick);
        }
    }

    private void send(JetStream js, Outgoing tick) {
        figures.sent.increment();
        PublishOptions options = PublishOptions.builder().messageId(tick.messageId).build();
        try {
            js.publishAsync(tick.subject, tick.payload, options)
                    .orTimeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ack, failure) -> acked(tick, ack, failure));
        } catch (RuntimeException e) {
            acked(tick, null, e);
        }
    }

    private void acked(Outgoing tick, PublishAck ack, Throwable failure) {
        inFlight.release();
        if (failure == null) {
            room.release();
            (ack.isDuplicate() ? figures.duplicates : figures.stored).increment();
            return;
        }
        figures.retried.increment();
        lastFailureNanos = System.nanoTime();
        if (!(failure instanceof TimeoutException) && figures.retried.sum() % 1000 == 1) {
            log.warn("bus: publish of {} failed ({}); sending it again", tick.subject, failure.toString());
        }
        retries.add(tick);
    }

    /** Retries until the stream is there: publishing before it exists would lose the ticks. */
    private void ensureStream(Connection connection) {
        for (int attempt = 1; !closing; attempt++) {
            try {
                TickStream.ensure(connection, bus.options());
                return;
            } catch (Exception e) {
                if (attempt == 1 || attempt % 50 == 0) {
                    log.warn("bus: stream {} not ready ({}); retrying", bus.options().stream(), e.getMessage());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /** Publishes what is buffered for up to {@code drain}, then stops the publisher thread. */
    public void close(Duration drain) {
        closing = true;
        try {
            thread.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    private record Outgoing(String subject, String messageId, byte[] payload) {
    }
}
