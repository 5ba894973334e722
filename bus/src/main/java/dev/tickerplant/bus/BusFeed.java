package dev.tickerplant.bus;

import dev.tickerplant.fanout.protocol.TickerJsonReader;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.ingest.ring.TickRing;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fanout node's source of ticks: the stream, read in order into the node's own ring, each tick numbered with its
 * stream sequence. Every node therefore gives a tick the same {@code seq}, which is what lets a subscriber resume with
 * {@code since_seq} on any node.
 *
 * <p>At start the node first reads the last tick of every product older than its replay window (so every product has
 * its latest ticker), then the last {@code historySize} ticks of the stream in order (so its replay history is as deep
 * as a node that had been running all along), then follows new ticks. An ordered consumer does the reading: the client
 * library recreates it after a reconnection or a server failure, resuming after the last tick it delivered.
 */
public final class BusFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BusFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the feed may go without a tick before it asks the stream whether it has fallen behind. */
    private static final long STALL_CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BusConnection bus;
    private final TickRing ring;
    private final int historySize;
    private final FeedFigures figures = new FeedFigures();
    private final TickerJsonReader reader = new TickerJsonReader();
    private final TickerSlot slot = new TickerSlot();
    private final TickOrigin origin = new TickOrigin();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean restart;

    /** @param historySize ticks the node's replay history holds: how far back it reads at start */
    public BusFeed(BusConnection bus, TickRing ring, int historySize) {
        this.bus = bus;
        this.ring = ring;
        this.historySize = historySize;
        this.thread = new Thread(this::run, "bus-feed");
        this.thread.setDaemon(true);
    }

    public BusFeed start() {
        // The server may have lost the consumer with the connection (a restarted server forgets it): start over
        // after the last tick read rather than wait for the client library to notice.
        bus.onReconnect(() -> restart = true);
        thread.start();
        return this;
    }

    public FeedFigures figures() {
        return figures;
    }

    private void run() {
        Connection connection;
        try {
            connection = bus.connection().get();
        } catch (InterruptedException | CancellationException e) {
            return;
        } catch (ExecutionException e) {
            log.error("bus: no connection, feed stopped", e.getCause());
            return;
        }
        while (!closing) {
            try {
                follow(connection);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closing) {
                    // Rare: the ordered consumer itself recovers from reconnections; this is a failure to set it up.
                    log.warn("bus: feed interrupted ({}); starting over after the last tick read", e.toString());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                }
            }
        }
    }

    private void follow(Connection connection) throws Exception {
        StreamInfo info = TickStream.ensure(connection, bus.options());
        StreamContext stream = connection.getStreamContext(bus.options().stream());
        long next;
        if (figures.lastSequence == 0) {
            StreamState state = info.getStreamState();
            long first = Math.max(1, state.getFirstSequence());
            long last = state.getLastSequence();
            next = Math.max(first, last - historySize + 1);
            figures.catchUpTarget = last;
            if (last == 0) {
                log.info("bus: stream {} is empty; following it from its first tick", bus.options().stream());
            } else {
                log.info("bus: stream {} holds ticks {}..{}; reading from {}{}", bus.options().stream(), first, last,
                        next, next > first ? ", after the latest tick of each product from before that" : "");
            }
            if (next > first) {
                readLatestBefore(stream, next);
            }
        } else {
            next = figures.lastSequence + 1;
        }
        OrderedConsumerConfiguration config = new OrderedConsumerConfiguration()
                .filterSubject(bus.options().subjects().allTickers())
                .deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(next);
        restart = false;
        try (IterableConsumer consumer = stream.createOrderedConsumer(config).iterate()) {
            markCaughtUpIfDone();
            long lastProgress = System.nanoTime();
            while (!closing && !restart) {
                Message message = consumer.nextMessage(POLL);
                if (message != null) {
                    deliver(message);
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_CHECK_NANOS) {
                    lastProgress = System.nanoTime();
                    long last = stream.getStreamInfo().getStreamState().getLastSequence();
                    if (last > figures.lastSequence) {
                        log.warn("bus: no tick for {} ms while the stream is at {} and this node at {}; following"
                                + " it anew", TimeUnit.NANOSECONDS.toMillis(STALL_CHECK_NANOS), last,
                                figures.lastSequence);
                        return;
                    }
                }
            }
            if (restart && !closing) {
                log.info("bus: reconnected; following the stream anew after seq {}", figures.lastSequence);
            }
        }
    }

    /** The last tick of each product whose last tick is older than {@code before}, in stream order. */
    private void readLatestBefore(StreamContext stream, long before) throws Exception {
        OrderedConsumerConfiguration config = new OrderedConsumerConfiguration()
                .filterSubject(bus.options().subjects().allTickers()).deliverPolicy(DeliverPolicy.LastPerSubject);
        int read = 0;
        try (IterableConsumer consumer = stream.createOrderedConsumer(config).iterate()) {
            while (!closing) {
                Message message = consumer.nextMessage(Duration.ofSeconds(2));
                if (message == null) {
                    break;
                }
                long seq = message.metaData().streamSequence();
                if (seq < before) {
                    deliver(message);
                    read++;
                }
                if (message.metaData().pendingCount() == 0) {
                    break;
                }
            }
        }
        log.info("bus: read the latest tick of {} products from before the replay window", read);
    }

    private void deliver(Message message) {
        long seq = message.metaData().streamSequence();
        if (seq <= figures.lastSequence) {
            return; // already handed over (a consumer restart may deliver it again)
        }
        try {
            reader.read(message.getData(), 0, message.getData().length, slot);
        } catch (FrameFormatException e) {
            figures.malformed = figures.malformed + 1;
            figures.lastSequence = seq; // read, even if not usable: the feed goes on after it
            log.warn("bus: skipped stream message {} on {}: {}", seq, message.getSubject(), e.getMessage());
            return;
        }
        long received = reader.receivedEpochNanos();
        origin.connectionId = 0;
        origin.leg = 0;
        origin.linkId = 0;
        origin.upstreamSequenceNum = -1;
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = received != Long.MIN_VALUE ? received : System.currentTimeMillis() * 1_000_000L;
        origin.batch = false;
        origin.busSequence = seq;
        ring.publish(slot, origin);
        figures.lastSequence = seq;
        figures.delivered = figures.delivered + 1;
        figures.lag = message.metaData().pendingCount();
        markCaughtUpIfDone();
    }

    private void markCaughtUpIfDone() {
        if (!figures.caughtUp && figures.catchUpTarget >= 0 && figures.lastSequence >= figures.catchUpTarget) {
            figures.caughtUp = true;
            log.info("bus: caught up with the stream at seq {} ({} ticks read)", figures.lastSequence,
                    figures.delivered);
        }
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
