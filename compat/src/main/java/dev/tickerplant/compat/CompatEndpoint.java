package dev.tickerplant.compat;

import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The protocol half of one Coinbase-compatible client: its requests, acks, snapshots and periodic messages, on top of
 * its fanout session (which carries the ticks, limits, conflation and figures like any client's). Everything runs on
 * the client's event loop.
 */
abstract class CompatEndpoint implements EndpointClient {
    final EndpointSession session;
    final CompatOptions options;
    /** How much of a request parser's complaint (which quotes the request) an error carries. */
    static final int MAX_PARSER_MESSAGE_CHARS = 160;
    /** Reusable for messages built by hand (heartbeats, snapshot tickers). */
    final JsonBytes json = new JsonBytes(512);
    private final TickerSnapshot latest = new TickerSnapshot();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    CompatEndpoint(EndpointSession session, CompatOptions options) {
        this.session = session;
        this.options = options;
    }

    /** A text message: rate-limited like native commands, then handled. */
    @Override
    public final void onText(byte[] text) {
        long waitNanos = session.takeCommandToken();
        if (waitNanos > 0) {
            long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999); // rounded up
            int limit = session.options().commandsPerSecond();
            fail("rate limited: more than " + limit + " messages per second (expected at most " + limit
                    + "); retry after " + millis + " ms");
            return;
        }
        handle(text);
    }

    @Override
    public void onBinary() {
        fail("binary message: expected a JSON request in a text message");
    }

    abstract void handle(byte[] text);

    /** A request parser's complaint, which quotes what the client sent, as one short printable line. */
    static String parserSays(RequestException e) {
        return UntrustedText.line(e.getMessage(), MAX_PARSER_MESSAGE_CHARS);
    }

    /** Sends the protocol's error message for {@code message} and counts it. */
    abstract void fail(String message);

    /** The connection closed: stop the periodic messages. */
    @Override
    public void onClosed() {
        for (ScheduledFuture<?> timer : timers) {
            timer.cancel(false);
        }
        timers.clear();
    }

    /** Runs {@code task} every {@code interval} on the client's loop until the connection closes. */
    final void every(Duration interval, Runnable task) {
        long nanos = interval.toNanos();
        timers.add(session.ctx().executor().scheduleAtFixedRate(() -> {
            if (!session.closing()) {
                task.run();
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS));
    }

    /** The market's entry for a product id, or null when the daemon does not follow it. */
    final ProductEntry product(String id) {
        ProductEntry entry = session.market().product(id);
        return entry != null && entry.followed() ? entry : null;
    }

    /** The product's latest ticker, read consistently; null before its first tick. Valid until the next call. */
    final TickerSnapshot latest(int product) {
        List<ProductEntry> products = session.market().products();
        return product < products.size() && products.get(product).readLatest(latest) ? latest : null;
    }

    /** Whether {@code added} more subscriptions fit under the limit; fails with the protocol's error when not. */
    final boolean withinLimit(int current, int added) {
        int limit = session.options().maxSubscriptions();
        if (current + added <= limit) {
            return true;
        }
        fail("subscribing would make " + (current + added) + " subscriptions: expected at most " + limit
                + " per client");
        return false;
    }

    final void countError() {
        session.countCommandError();
    }
}
