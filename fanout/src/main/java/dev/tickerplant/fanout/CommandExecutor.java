package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.Command;
import dev.tickerplant.fanout.protocol.CommandException;
import dev.tickerplant.fanout.protocol.CommandParser;
import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.catalog.ProductSuggestions;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import io.netty.buffer.ByteBuf;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Carries out client commands on the client's event loop: checks the rate limit, parses, validates against the market
 * and the limits, applies, and answers. Every failure becomes one {@code error} message; the connection stays open.
 */
final class CommandExecutor {

    /** Unknown ids an {@code unknown_product} error lists (the first with suggestions), of however many were sent. */
    private static final int MAX_UNKNOWN_LISTED = 3;

    private final ServerContext server;

    CommandExecutor(ServerContext server) {
        this.server = server;
    }

    /** A text message from the client. */
    void onMessage(SubscriberSession session, byte[] text) {
        long waitNanos = session.takeCommandToken();
        if (waitNanos > 0) {
            long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999); // rounded up
            int limit = server.options.commandsPerSecond();
            fail(session, new CommandException(ErrorCode.RATE_LIMITED, "more than " + limit
                    + " commands per second: expected at most " + limit + "; retry after " + millis + " ms",
                    CommandException.details("limit_per_second", limit, "retry_after_ms", millis)));
            return;
        }
        try {
            execute(session, CommandParser.parse(text, 0, text.length));
        } catch (CommandException e) {
            fail(session, e);
        }
    }

    /** A binary message: the protocol is JSON text only. */
    void onBinary(SubscriberSession session) {
        fail(session, new CommandException(ErrorCode.BAD_REQUEST,
                "binary message: expected a JSON command in a text message", Map.of()));
    }

    void execute(SubscriberSession session, Command command) throws CommandException {
        if (command instanceof Command.Subscribe s) {
            subscribe(session, s);
        } else if (command instanceof Command.Unsubscribe u) {
            unsubscribe(session, u);
        } else if (command instanceof Command.Ping p) {
            session.reply(ServerMessages.pong(p.stats() ? stats(session) : null));
        } else if (command instanceof Command.GetStatus) {
            session.reply(ServerMessages.statusReport(statusReport()));
        } else if (command instanceof Command.GetProducts) {
            session.reply(ServerMessages.products(quotes()));
        }
    }

    void fail(SubscriberSession session, CommandException e) {
        server.figures.commandErrors.increment();
        session.reply(ServerMessages.error(e.code(), e.getMessage(), e.details()));
    }

    // ---- subscribe / unsubscribe ------------------------------------------------------------------------------------

    private void subscribe(SubscriberSession session, Command.Subscribe s) throws CommandException {
        boolean all = s.allProducts();
        int[] products = all ? new int[0] : resolve(s.products());
        int after = countAfterSubscribe(session, s.channels(), all, products);
        int limit = server.options.maxSubscriptions();
        if (after > limit) {
            throw new CommandException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "subscribing would make " + after
                    + " subscriptions: expected at most " + limit + " per client (\"*\" counts as one per channel)",
                    CommandException.details("limit", limit, "current", session.subscriptionCount(),
                            "requested", after));
        }
        double minChange = s.minChangePct().orElse(0);
        for (Channel channel : s.channels()) {
            ProductFilter filter = session.filter(channel);
            if (all) {
                filter.all(true);
            }
            for (int p : products) {
                filter.add(p);
            }
        }
        if (s.channels().contains(Channel.TICKER)) {
            if (all) {
                session.minChangePct(-1, minChange);
            }
            for (int p : products) {
                session.minChangePct(p, minChange);
            }
        }
        session.subscriptionsChanged();
        // Read before the reply goes out: what the client is told is the state as of its subscription, not as of
        // whatever changed after the client already had the reply in hand.
        List<byte[]> stale = s.channels().contains(Channel.STATUS) && s.snapshot()
                ? server.upstream.currentlyStale(all ? null : products) : List.of();
        session.reply(ServerMessages.subscriptions(session.subscriptionsByChannel()));
        if (s.channels().contains(Channel.TICKER)) {
            if (s.sinceSeq().isPresent()) {
                replay(session, s.sinceSeq().getAsLong(), all, products);
            } else if (s.snapshot()) {
                snapshot(session, all, products);
            }
        }
        for (byte[] status : stale) {
            session.reply(status);
        }
    }

    private void unsubscribe(SubscriberSession session, Command.Unsubscribe u) throws CommandException {
        boolean all = u.allProducts();
        int[] products = all ? new int[0] : resolve(u.products());
        for (Channel channel : u.channels()) {
            ProductFilter filter = session.filter(channel);
            if (all) {
                filter.clear();
            }
            for (int p : products) {
                filter.remove(p);
            }
        }
        session.subscriptionsChanged();
        session.reply(ServerMessages.subscriptions(session.subscriptionsByChannel()));
    }

    /**
     * The products the client named, by the rule of the products setting ({@code btc} is {@code BTC-USD} in USD), each
     * once however many names it was given under; every unknown name is reported at once, in a bounded reply.
     */
    private int[] resolve(List<String> names) throws CommandException {
        Set<Integer> indices = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            ProductEntry entry = server.market.named(name);
            if (entry == null) {
                unknown.add(name);
            } else {
                indices.add(entry.index());
            }
        }
        if (!unknown.isEmpty()) {
            throw unknownProducts(unknown);
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Names the first unknown id and lists a few more, so that the answer stays small however many were sent. */
    private CommandException unknownProducts(List<String> ids) {
        String first = ids.get(0);
        List<String> closest = closest(first);
        List<String> listed = ids.subList(0, Math.min(ids.size(), MAX_UNKNOWN_LISTED)).stream()
                .map(UntrustedText::shown).toList();
        return new CommandException(ErrorCode.UNKNOWN_PRODUCT, "unknown product " + UntrustedText.quote(first)
                + (ids.size() > 1 ? " and " + (ids.size() - 1) + " more" : "")
                + ": expected a product this daemon follows"
                + (closest.isEmpty() ? "" : ", such as " + String.join(", ", closest)),
                CommandException.details("product", listed.get(0), "closest", closest, "unknown", listed,
                        "unknown_count", ids.size()));
    }

    /** The followed ids {@code id} probably meant, by the same rule as the products setting and the HTTP routes. */
    private List<String> closest(String id) {
        List<String> followed = new ArrayList<>();
        for (ProductEntry e : server.market.followedProducts()) {
            followed.add(e.id());
        }
        return ProductSuggestions.closest(id, followed);
    }

    private static int countAfterSubscribe(SubscriberSession session, Set<Channel> channels, boolean all,
                                           int[] products) {
        int total = session.subscriptionCount();
        for (Channel channel : channels) {
            ProductFilter filter = session.filter(channel);
            if (all && !filter.all()) {
                total++;
            }
            for (int p : products) { // distinct: the parser drops repeated ids
                if (!filter.contains(p)) {
                    total++;
                }
            }
        }
        return total;
    }

    // ---- snapshot and replay ----------------------------------------------------------------------------------------

    /** The latest ticker of each requested product that has one, in one {@code snapshot} message. */
    private void snapshot(SubscriberSession session, boolean all, int[] products) {
        List<ProductEntry> entries = server.market.products();
        TickerSnapshot latest = new TickerSnapshot();
        JsonBytes json = new JsonBytes(512 + 512 * (all ? entries.size() : products.length));
        json.appendAscii("{\"type\":\"snapshot\",\"tickers\":[");
        boolean first = true;
        int count = all ? entries.size() : products.length;
        for (int i = 0; i < count; i++) {
            int index = all ? i : products[i];
            if (index >= entries.size() || all && !entries.get(index).followed()
                    || !entries.get(index).readLatest(latest)) {
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            TickerJson.write(json, latest.ticker, latest.globalSeq, latest.receivedEpochNanos);
            session.snapshotSent(index, latest.globalSeq, Decimals.parse(latest.ticker.field(TickField.PRICE)));
        }
        json.appendAscii("]}");
        session.reply(json);
    }

    /**
     * Replays the held ticks after {@code sinceSeq} up to the newest one in the history, then lets live ticks continue
     * after it: live ticks at or below that point are suppressed for this client, so there is no gap and no duplicate.
     * When the history no longer holds them all, says so and sends a snapshot instead.
     */
    private void replay(SubscriberSession session, long sinceSeq, boolean all, int[] products) {
        long upTo = server.history.lastSeq();
        if (sinceSeq == upTo) {
            session.replayedUpTo(upTo);
            return;
        }
        if (sinceSeq < upTo) {
            ByteBuf out = session.ctx().alloc().directBuffer();
            int frames = server.history.replay(sinceSeq, upTo, session.ticker::matches, out);
            if (frames >= 0) {
                session.replayedUpTo(upTo);
                if (frames > 0) {
                    session.replyFrames(out, frames);
                } else {
                    out.release();
                }
                return;
            }
            out.release();
        }
        session.reply(ServerMessages.replayUnavailable(sinceSeq, server.history.oldestSeq()));
        snapshot(session, all, products);
    }

    // ---- queries ----------------------------------------------------------------------------------------------------

    private ServerMessages.ClientStats stats(SubscriberSession session) {
        return new ServerMessages.ClientStats(session.messagesSent(), session.dropped(), session.subscriptionCount(),
                TimeUnit.NANOSECONDS.toSeconds(session.connectedNanos()));
    }

    private ServerMessages.StatusReport statusReport() {
        List<ConnectionStatus> connections = server.upstream.live();
        List<ServerMessages.ConnectionSummary> summaries = new ArrayList<>();
        int streaming = 0;
        int receiving = 0;
        int planned = 0;
        for (ConnectionStatus c : connections) {
            summaries.add(new ServerMessages.ConnectionSummary(c.id(), c.state(), c.products().size(),
                    c.productsReceiving()));
            streaming += c.streaming() ? 1 : 0;
            receiving += c.productsReceiving();
            planned += c.products().size();
        }
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        return new ServerMessages.StatusReport(uptime, server.market.lastSeq(), server.figures.subscriberCount(),
                streaming, connections.size(), receiving, planned, summaries);
    }

    private List<ServerMessages.ProductQuote> quotes() {
        TickerSnapshot latest = new TickerSnapshot();
        List<ServerMessages.ProductQuote> quotes = new ArrayList<>();
        for (ProductEntry e : server.market.followedProducts()) {
            if (e.readLatest(latest)) {
                quotes.add(new ServerMessages.ProductQuote(e.id(), latest.ticker.field(TickField.PRICE).toString(),
                        latest.globalSeq));
            } else {
                quotes.add(new ServerMessages.ProductQuote(e.id(), null, null));
            }
        }
        return quotes;
    }
}
