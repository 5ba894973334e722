package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.EmbeddedConnector.Peer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One session's state machine on a clock the test moves: every timer is proved to the millisecond, with no socket
 * and no sleep. The exchange's side of each link is an {@link EmbeddedConnector.Peer}.
 */
class UpstreamSessionTest {
    private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD");
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WATCHDOG = Duration.ofSeconds(5);
    private static final Duration RESET_AFTER = Duration.ofSeconds(60);
    private static final Duration ROTATION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TICKER_RATE_INTERVAL = Duration.ofNanos(UpstreamSession.TICKER_RATE_INTERVAL_NANOS);

    private final ManualTimers timers = new ManualTimers();
    private final EmbeddedConnector connector = new EmbeddedConnector(timers);
    private final RateLimiter subscribeLimiter = new RateLimiter("subscribe", 8, timers::nanoTime);
    private final RateLimiter connectLimiter =
            new RateLimiter("connect", 8, RateLimiter.CONNECT_MARGIN_PERCENT, timers::nanoTime);
    private final SubscribeScheduler scheduler = new SubscribeScheduler(connectLimiter, subscribeLimiter);
    /** Every delay at its ceiling: 1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s ... */
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0)
            .withRandom(() -> 1.0);
    private final UpstreamOptions options = new UpstreamOptions(URI.create("ws://exchange.invalid/"),
            CoinbaseProtocol.ADVANCED_TRADE, Duration.ofSeconds(5), SUBSCRIBE_TIMEOUT, WATCHDOG, Duration.ofSeconds(20),
            RESET_AFTER, 1 << 16, ROTATION_TIMEOUT);
    private final UpstreamSession session = new UpstreamSession(0, new Shard(0, PRODUCTS, false), 0, 1,
            new UpstreamContext(options, scheduler, backoff, unstartedRing(), () -> null, timers::nanoTime,
                    timers::nanoTime),
            timers, connector);
    private final UpstreamStats stats = session.stats();

    // ---- watchdog ------------------------------------------------------------------------------------------------

    @Test
    void watchdogClosesTheLinkAfterExactlyTheConfiguredSilence() {
        Peer peer = stream(firstConnection());
        peer.heartbeat();

        timers.advance(WATCHDOG.minusMillis(1));
        assertTrue(peer.isOpen());
        timers.advanceMillis(1);

        assertFalse(peer.isOpen());
        assertEquals("watchdog: no frame for 5000 ms", peer.closeReason());
        assertEquals(1, stats.watchdogExpiries.sum());
        assertEquals(UpstreamState.BACKOFF, stats.state());
    }

    @Test
    void aFrameRearmsTheWatchdog() {
        Peer peer = stream(firstConnection());
        peer.heartbeat();
        timers.advance(WATCHDOG.minusMillis(1));

        peer.ticker("BTC-USD");
        timers.advance(WATCHDOG.minusMillis(1));
        assertTrue(peer.isOpen());
        timers.advanceMillis(1);

        assertFalse(peer.isOpen());
        assertEquals(1, stats.watchdogExpiries.sum());
    }

    @Test
    void theWatchdogStartsWithTheKeepAliveSubscribeSoWaitingForItIsNotSilence() {
        scheduler.connectingStarted(); // another session still owes its ticker subscribe: the keep-alive yields
        Peer peer = firstConnection().open();
        peer.ack(PRODUCTS, "ticker");
        assertEquals(1, peer.sent().size());

        timers.advance(Duration.ofNanos(SubscribeScheduler.KEEP_ALIVE_MAX_WAIT_NANOS).minusMillis(1));
        assertEquals(List.of(), peer.sent(), "still waiting, and silent for longer than the watchdog");
        assertTrue(peer.isOpen());
        timers.advanceMillis(1);
        assertTrue(peer.sent().get(0).contains("heartbeats"));
        peer.ack(PRODUCTS, "ticker", "heartbeats");

        timers.advance(WATCHDOG.minusMillis(1));
        assertTrue(peer.isOpen());
        timers.advanceMillis(1);
        assertEquals("watchdog: no frame for 5000 ms", peer.closeReason());
    }

    @Test
    void theWatchdogPingsTheLinkEveryPingInterval() {
        Peer peer = stream(firstConnection());
        peer.sent();
        streamFor(Duration.ofSeconds(39), peer);
        peer.sent();
        assertEquals(1, peer.pings());
        streamFor(Duration.ofSeconds(20), peer);
        peer.sent();
        assertEquals(2, peer.pings());
    }

    // ---- subscribe timeouts ----------------------------------------------------------------------------------------

    @Test
    void aLinkWithoutItsSubscriptionsAckIsClosedAtTheSubscribeTimeout() {
        Peer peer = firstConnection().open();

        timers.advance(SUBSCRIBE_TIMEOUT.minusMillis(1));
        assertEquals(UpstreamState.SUBSCRIBING, stats.state());
        timers.advanceMillis(1);

        assertFalse(peer.isOpen());
        assertEquals("no subscriptions ack within 5000 ms", peer.closeReason());
        assertEquals(UpstreamState.BACKOFF, stats.state());
        assertEquals(1, stats.reconnects.sum());
    }

    @Test
    void aKeepAliveWithoutItsAckClosesTheLinkAtTheSubscribeTimeout() {
        Peer peer = firstConnection().open();
        peer.ack(PRODUCTS, "ticker");
        // The ticker subscribe took the first slot; the keep-alive takes the next one.
        timers.advance(Duration.ofNanos(subscribeLimiter.spacingNanos()));
        assertTrue(peer.sent().get(1).contains("heartbeats"));

        // Heartbeats keep the watchdog quiet: only the ack is missing.
        streamFor(SUBSCRIBE_TIMEOUT.minusMillis(1), peer);
        assertTrue(peer.isOpen());
        timers.advanceMillis(1);

        assertEquals("no heartbeats ack within 5000 ms", peer.closeReason());
    }

    // ---- backoff ---------------------------------------------------------------------------------------------------

    @Test
    void reconnectsFollowTheBackoffScheduleUpToItsCap() {
        firstConnection();
        for (long delayMillis : new long[] {1000, 2000, 4000, 8000, 16000, 30000, 30000}) {
            connector.last().refuse();
            assertReconnectAfter(delayMillis);
        }
        assertEquals("connect failed: Connection refused", stats.lastCloseReason());
        assertEquals(7, stats.reconnects.sum());
    }

    @Test
    void theBackoffStartsOverOnlyAfterTheLinkStreamedForTheResetPeriod() {
        firstConnection().refuse();
        assertReconnectAfter(1000);
        connector.last().refuse();
        assertReconnectAfter(2000);

        Peer flapping = stream(connector.last());
        streamFor(RESET_AFTER.minusMillis(1), flapping);
        flapping.drop();
        assertReconnectAfter(4000);

        Peer steady = stream(connector.last());
        streamFor(RESET_AFTER, steady);
        steady.drop();
        assertReconnectAfter(1000);
    }

    @Test
    void aLinkClosedBeforeItsAckKeepsBackingOff() {
        firstConnection().refuse();
        assertReconnectAfter(1000);
        Peer unacked = connector.last().open();
        streamFor(SUBSCRIBE_TIMEOUT, unacked); // frames, but never the ticker ack

        assertEquals("no subscriptions ack within 5000 ms", unacked.closeReason());
        assertReconnectAfter(2000);
    }

    // ---- rotation --------------------------------------------------------------------------------------------------

    @Test
    void rotationRetiresTheOldLinkOnlyAfterTheReplacementIsAckedAndDeliveredData() {
        Peer old = stream(firstConnection());
        session.rotate("test");
        timers.runDue();
        Peer replacement = connector.last();
        assertNotSame(old, replacement);

        stream(replacement);
        assertEquals(0, stats.rotationsCompleted.sum(), "acked, but no data yet");
        replacement.ticker("BTC-USD");
        assertEquals(1, stats.rotationsCompleted.sum());

        timers.advance(Duration.ofNanos(UpstreamSession.RETIRE_DRAIN_NANOS).minusMillis(1));
        assertTrue(old.isOpen(), "the old link drains for a second");
        timers.advanceMillis(1);
        assertFalse(old.isOpen());
        assertEquals("rotated out", old.closeReason());
        assertTrue(replacement.isOpen());
        assertEquals(UpstreamState.STREAMING, stats.state());
        assertEquals(0, stats.reconnects.sum(), "rotation is not a reconnect");
    }

    @Test
    void aReplacementThatNeverDeliversIsClosedAtTheRotationDeadlineAndTheOldLinkStays() {
        Peer old = stream(firstConnection());
        session.rotate("test");
        timers.runDue();
        Peer replacement = stream(connector.last()); // acked, heartbeats, but its products stay quiet

        long deadline = replacement.connectedAtNanos + ROTATION_TIMEOUT.toNanos();
        streamFor(Duration.ofNanos(deadline - timers.nanoTime()).minusMillis(1), old, replacement);
        assertTrue(replacement.isOpen());
        timers.advanceMillis(1);

        assertEquals("replacement did not ack and deliver data within 10000 ms", replacement.closeReason());
        assertTrue(old.isOpen());
        assertEquals(UpstreamState.STREAMING, stats.state());
        assertEquals(0, stats.rotationsCompleted.sum());
        assertEquals(0, stats.reconnects.sum());
        assertEquals(2, connector.attempts());
    }

    @Test
    void theOldLinkClosingMidRotationHandsOverToTheReplacementInsteadOfReconnecting() {
        Peer old = stream(firstConnection());
        session.rotate("test");
        timers.runDue();
        Peer replacement = stream(connector.last());

        old.drop();

        assertEquals(UpstreamState.STREAMING, stats.state());
        assertEquals(0, stats.reconnects.sum());
        timers.advance(Duration.ofSeconds(2));
        assertEquals(2, connector.attempts(), "no third link");
        assertTrue(replacement.isOpen());
    }

    // ---- products changed at run time ------------------------------------------------------------------------------

    private static final List<String> CHANGED = List.of("BTC-USD", "SOL-USD");

    @Test
    void aStreamingConnectionResubscribesThroughAReplacementAndClosesTheOldLinkOnlyAfterItDelivers() {
        Peer old = stream(firstConnection());
        old.sent();

        session.resubscribe(CHANGED, "test");
        timers.runDue();
        Peer replacement = connector.last();
        assertNotSame(old, replacement);
        assertEquals(CHANGED, session.products(), "what the connection is to carry, at once");
        replacement.open();
        timers.advance(Duration.ofSeconds(1));
        String subscribe = replacement.sent().get(0);
        assertTrue(subscribe.contains("SOL-USD") && !subscribe.contains("ETH-USD"), subscribe);
        replacement.ack(CHANGED, "ticker", "heartbeats");
        assertTrue(old.isOpen(), "acked but no data yet: the old link still carries the market");
        replacement.ticker("SOL-USD");

        assertEquals(1, stats.rotationsCompleted.sum());
        timers.advance(Duration.ofNanos(UpstreamSession.RETIRE_DRAIN_NANOS));
        assertFalse(old.isOpen());
        assertTrue(replacement.isOpen());
        assertEquals(CHANGED, stats.products);
        assertEquals(UpstreamState.STREAMING, stats.state());
        assertEquals(0, stats.reconnects.sum(), "a change of products is not a reconnect");
    }

    @Test
    void aConnectionInBackoffSubscribesItsNextLinkToTheNewProducts() {
        Peer first = stream(firstConnection());
        first.drop();
        assertEquals(UpstreamState.BACKOFF, stats.state());

        session.resubscribe(CHANGED, "test");
        timers.runDue();
        assertEquals(1, connector.attempts(), "no link of its own: the reconnect takes the new products");
        assertReconnectAfter(1000);
        Peer next = connector.last();
        next.open();
        timers.advance(Duration.ofSeconds(1));
        String subscribe = next.sent().get(0);
        assertTrue(subscribe.contains("SOL-USD") && !subscribe.contains("ETH-USD"), subscribe);
    }

    @Test
    void aChangeDuringARotationFollowsOnceThatRotationEnds() {
        Peer old = stream(firstConnection());
        session.rotate("test");
        timers.runDue();
        Peer rotation = connector.last();
        session.resubscribe(CHANGED, "test");
        timers.runDue();
        assertEquals(2, connector.attempts(), "one replacement at a time");

        stream(rotation).ticker("BTC-USD"); // the rotation to the old list completes ...
        timers.runDue();

        assertEquals(3, connector.attempts(), "... and a second one follows for the new list");
        Peer changed = connector.last();
        changed.open();
        timers.advance(Duration.ofSeconds(1));
        String subscribe = changed.sent().get(0);
        assertTrue(subscribe.contains("SOL-USD"), subscribe);
        assertFalse(old.isOpen(), "the first replaced link is gone after its drain");
    }

    @Test
    void theSameProductsAgainChangeNothing() {
        stream(firstConnection());

        session.resubscribe(List.of("BTC-USD", "ETH-USD"), "test");
        timers.advance(Duration.ofSeconds(5));

        assertEquals(1, connector.attempts());
        assertEquals(0, stats.rotations.sum());
    }

    // ---- close is the one way into reconnect -----------------------------------------------------------------------

    /** Every way a streaming link can end, and the reason it leaves in the figures. */
    enum Close {
        SERVER_DROP((test, peer) -> peer.drop(), "connection closed by peer"),
        SERVER_CLOSE_FRAME((test, peer) -> peer.closeFrame(1011, "internal error"),
                "server closed with 1011 internal error"),
        FORCED((test, peer) -> test.session.forceReconnect("operator"), "operator"),
        SILENCE((test, peer) -> test.timers.advance(WATCHDOG), "watchdog: no frame for 5000 ms");

        final BiConsumer<UpstreamSessionTest, Peer> action;
        final String reason;

        Close(BiConsumer<UpstreamSessionTest, Peer> action, String reason) {
            this.action = action;
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(Close.class)
    void everyCloseOfAStreamingLinkLeadsToOneBackoffAndOneReconnect(Close close) {
        Peer peer = stream(firstConnection());

        close.action.accept(this, peer);
        timers.runDue();

        assertFalse(peer.isOpen());
        assertEquals(close.reason, stats.lastCloseReason());
        assertEquals(UpstreamState.BACKOFF, stats.state());
        assertEquals(1, stats.reconnects.sum());
        assertReconnectAfter(1000);
        assertEquals(UpstreamState.CONNECTING, stats.state());
    }

    // ---- ticker rate -----------------------------------------------------------------------------------------------

    @Test
    void tickersPerSecondIsTheRateOverTheLastInterval() {
        Peer peer = stream(firstConnection()); // started at 0, streaming at 1 s
        for (int i = 0; i < 20; i++) {
            peer.ticker(i % 2 == 0 ? "BTC-USD" : "ETH-USD");
        }
        streamFor(TICKER_RATE_INTERVAL.minusSeconds(1).minusNanos(1), peer);
        assertTrue(Double.isNaN(stats.tickersPerSecond()), "no interval has ended yet");

        timers.advance(Duration.ofNanos(1));
        assertEquals(20.0 / TICKER_RATE_INTERVAL.toSeconds(), stats.tickersPerSecond());

        for (int i = 0; i < 5; i++) {
            peer.ticker("BTC-USD");
        }
        streamFor(TICKER_RATE_INTERVAL, peer);
        assertEquals(5.0 / TICKER_RATE_INTERVAL.toSeconds(), stats.tickersPerSecond());

        streamFor(TICKER_RATE_INTERVAL, peer);
        assertEquals(0.0, stats.tickersPerSecond(), "heartbeats are not tickers");
    }

    // ---- 1001 going away -------------------------------------------------------------------------------------------

    @Test
    void aGoingAwayCloseReconnectsAtOnceAndLeavesTheBackoffWhereItWas() {
        firstConnection().refuse();
        assertReconnectAfter(1000);
        Peer deployed = stream(connector.last());

        deployed.closeFrame(1001, "going away");

        assertEquals(3, connector.attempts(), "reconnected with no backoff delay");
        assertEquals("server closed with 1001 going away", stats.lastCloseReason());
        assertEquals(1, stats.reconnects.sum(), "only the refused connect was a failure");
        assertEquals(1, stats.goingAway.sum());
        // The 1001 neither reset nor advanced the attempts: the next failure takes the second delay.
        connector.last().refuse();
        assertReconnectAfter(2000);
    }

    @Test
    void aGoingAwayReconnectStillWaitsForItsConnectSlot() {
        Peer deployed = stream(firstConnection());
        // Other sessions have just booked the next two connect slots.
        scheduler.admitConnect(timers, () -> { });
        scheduler.admitConnect(timers, () -> { });

        deployed.closeFrame(1001, "going away");

        assertReconnectAfter(Duration.ofNanos(2 * connectLimiter.spacingNanos()));
        assertEquals(0, stats.reconnects.sum());
    }

    @Test
    void goingAwayClosesRepeatingWithinAMinuteFallBackToTheBackoff() {
        Peer peer = stream(firstConnection());
        for (int i = 1; i <= UpstreamSession.PROMPT_RECONNECTS_PER_MINUTE; i++) {
            peer.closeFrame(1001, "going away");
            assertEquals(1 + i, connector.attempts(), "1001 number " + i + " reconnects at once");
            peer = stream(connector.last());
        }

        peer.closeFrame(1001, "going away");

        assertEquals(UpstreamState.BACKOFF, stats.state());
        assertReconnectAfter(1000);
        assertEquals(1, stats.reconnects.sum());
        assertEquals(4, stats.goingAway.sum());
        stream(connector.last()).closeFrame(1001, "going away");
        assertReconnectAfter(2000);

        // A minute after the first of them, a 1001 is a deploy again.
        timers.advance(Duration.ofSeconds(60));
        stream(connector.last()).closeFrame(1001, "going away");
        assertEquals(UpstreamState.CONNECTING, stats.state());
    }

    @Test
    void stopClosesTheLinkAndNeverReconnects() {
        Peer peer = stream(firstConnection());

        session.stop();
        timers.advance(Duration.ofMinutes(5));

        assertFalse(peer.isOpen());
        assertEquals(UpstreamState.CLOSED, stats.state());
        assertEquals(1, connector.attempts());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Starts the session; its first connect goes at once. */
    private Peer firstConnection() {
        session.start();
        timers.runDue();
        assertEquals(1, connector.attempts());
        return connector.last();
    }

    /** Opens {@code peer}, lets both subscribes go and acks them: the link streams from now. */
    private Peer stream(Peer peer) {
        peer.open();
        timers.advance(Duration.ofSeconds(1));
        peer.ack(PRODUCTS, "ticker", "heartbeats");
        return peer;
    }

    /** Lets {@code duration} pass with a heartbeat on each of {@code peers} every second, as Coinbase sends them. */
    private void streamFor(Duration duration, Peer... peers) {
        long left = duration.toNanos();
        while (left > 0) {
            long step = Math.min(left, TimeUnit.SECONDS.toNanos(1));
            timers.advance(Duration.ofNanos(step));
            left -= step;
            for (Peer peer : peers) {
                if (peer.isOpen()) {
                    peer.heartbeat();
                }
            }
        }
    }

    /** The next connect comes exactly {@code millis} from now, not a millisecond earlier. */
    private void assertReconnectAfter(long millis) {
        assertReconnectAfter(Duration.ofMillis(millis));
    }

    private void assertReconnectAfter(Duration delay) {
        int attempts = connector.attempts();
        timers.advance(delay.minusNanos(1));
        assertEquals(attempts, connector.attempts(), "reconnected before " + delay);
        timers.advance(Duration.ofNanos(1));
        assertEquals(attempts + 1, connector.attempts(), "reconnected after " + delay);
    }

    /** The session only publishes into it; nothing consumes, and no thread is started. */
    private static TickRing unstartedRing() {
        return new TickRing(1024, new MarketState(PRODUCTS), Thread::new);
    }
}
