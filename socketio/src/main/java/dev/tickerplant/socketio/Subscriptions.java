package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.UntrustedText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.Command;
import dev.tickerplant.fanout.protocol.CommandException;
import dev.tickerplant.fanout.protocol.CommandParser;
import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one Socket.IO client follows, per native channel: {@code ticker} is its client's filter (on a WebSocket its
 * fanout session's, for the shared {@code ticker_update} frames), {@code status} and {@code alerts} are kept here for
 * the loop's forwarded events. A
 * connected client follows every product on every channel until its first {@code subscribe} or {@code unsubscribe},
 * which replaces that default; later ones add and remove as the native protocol's commands do. On the client's loop.
 */
final class Subscriptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubscribingClient client;
    private final Map<Channel, ProductFilter> filters = new EnumMap<>(Channel.class);
    private final TickerSnapshot latest = new TickerSnapshot();
    private final JsonBytes json = new JsonBytes(1024);
    private boolean everything;

    Subscriptions(SubscribingClient client) {
        this.client = client;
        filters.put(Channel.TICKER, client.ticker());
        filters.put(Channel.STATUS, new ProductFilter());
        filters.put(Channel.ALERTS, new ProductFilter());
    }

    /** The default of a client that just connected: every product on every channel. */
    void followEverything() {
        filters.values().forEach(f -> f.all(true));
        everything = true;
        published();
    }

    /** The client left its namespace: nothing more. */
    void clear() {
        filters.values().forEach(Subscriptions::clear);
        everything = false;
        published();
    }

    /**
     * What the client follows, as an immutable copy that may move to another loop: a polling session hands it to the
     * WebSocket that upgrades it.
     */
    Followed followed() {
        Map<Channel, List<Integer>> listed = new EnumMap<>(Channel.class);
        Set<Channel> allProducts = EnumSet.noneOf(Channel.class);
        filters.forEach((channel, f) -> {
            List<Integer> products = new ArrayList<>();
            f.forEachListed(products::add);
            listed.put(channel, products);
            if (f.all()) {
                allProducts.add(channel);
            }
        });
        return new Followed(everything, listed, allProducts);
    }

    /** Follows what another transport of the same client followed, instead of what this one did. */
    void follow(Followed followed) {
        filters.forEach((channel, f) -> {
            clear(f);
            f.all(followed.allProducts().contains(channel));
            followed.listed().getOrDefault(channel, List.of()).forEach(f::add);
        });
        everything = followed.everything();
        published();
    }

    boolean wantsTicker(int product) {
        return matches(filters.get(Channel.TICKER), product);
    }

    boolean wantsAlert(int product) {
        return matches(filters.get(Channel.ALERTS), product);
    }

    boolean wantsStatus(int[] products) {
        ProductFilter status = filters.get(Channel.STATUS);
        for (int p : products) {
            if (matches(status, p)) {
                return true;
            }
        }
        return status.all();
    }

    /**
     * Carries out a {@code subscribe} or {@code unsubscribe} event with its argument (the native command's fields,
     * without {@code type}): {@code answer} gets the {@code subscriptions} reply, then, after a subscribe with
     * {@code snapshot}, {@code ticker_update} messages with the latest ticker of each newly followed product are sent.
     */
    void handle(String event, JsonNode argument, Consumer<String> answer) throws CommandException {
        if (argument == null || !argument.isObject()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, event + ": expected one object argument such as "
                    + "{\"products\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}", Map.of());
        }
        ObjectNode command = argument.deepCopy();
        command.put("type", event);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not write back", e);
        }
        Command parsed = CommandParser.parse(bytes, 0, bytes.length);
        if (parsed instanceof Command.Subscribe s) {
            subscribe(s, answer);
        } else if (parsed instanceof Command.Unsubscribe u) {
            unsubscribe(u);
            answer.accept(subscriptionsJson());
        }
    }

    private void subscribe(Command.Subscribe s, Consumer<String> answer) throws CommandException {
        if (s.minChangePct().isPresent()) {
            throw unsupported("min_change_pct", "filter prices in the client");
        }
        if (s.sinceSeq().isPresent()) {
            throw unsupported("since_seq", "use the native endpoint /ws to replay missed ticks");
        }
        int[] products = s.allProducts() ? null : indices(s.products());
        if (everything) {
            filters.values().forEach(Subscriptions::clear);
            everything = false;
        }
        int added = 0;
        for (Channel c : s.channels()) {
            ProductFilter f = filters.get(c);
            if (products == null) {
                added += f.all() ? 0 : 1;
            } else {
                for (int p : products) {
                    added += f.contains(p) || f.all() ? 0 : 1;
                }
            }
        }
        int limit = client.options().maxSubscriptions();
        if (count() + added > limit) {
            throw new CommandException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "subscribing would make "
                    + (count() + added) + " subscriptions: expected at most " + limit + " per client (max-subscriptions)",
                    Map.of());
        }
        List<Integer> newTickers = new ArrayList<>();
        for (Channel c : s.channels()) {
            ProductFilter f = filters.get(c);
            if (products == null) {
                if (c == Channel.TICKER && !f.all()) {
                    client.market().followedProducts().forEach(e -> newTickers.add(e.index()));
                }
                f.all(true);
            } else {
                for (int p : products) {
                    if (!f.contains(p) && !f.all() && c == Channel.TICKER) {
                        newTickers.add(p);
                    }
                    f.add(p);
                }
            }
        }
        published();
        answer.accept(subscriptionsJson());
        if (s.snapshot()) {
            newTickers.forEach(this::sendLatest);
        }
    }

    private void unsubscribe(Command.Unsubscribe u) throws CommandException {
        int[] products = u.allProducts() ? null : indices(u.products());
        everything = false;
        for (Channel c : u.channels()) {
            ProductFilter f = filters.get(c);
            if (products == null) {
                clear(f);
            } else {
                for (int p : products) {
                    f.remove(p);
                }
            }
        }
        published();
    }

    /** The product's latest ticker as a {@code ticker_update}; live ticks up to it are then suppressed. */
    private void sendLatest(int product) {
        List<ProductEntry> entries = client.market().products();
        if (product >= entries.size() || !entries.get(product).readLatest(latest)) {
            return;
        }
        json.reset();
        TickerUpdateJson.write(json, latest.ticker, latest.globalSeq, latest.receivedEpochNanos);
        client.sendSnapshot(product, json, latest.globalSeq, Decimals.parse(latest.ticker.field(TickField.PRICE)));
    }

    /**
     * The products the client named, by the rule of the products setting as on {@code /ws} ({@code btc} is
     * {@code BTC-USD} in USD), each once however many names it was given under.
     */
    private int[] indices(List<String> ids) throws CommandException {
        Set<Integer> indices = new LinkedHashSet<>();
        for (String id : ids) {
            ProductEntry entry = client.market().named(id);
            if (entry == null) {
                throw new CommandException(ErrorCode.UNKNOWN_PRODUCT, "unknown product \"" + UntrustedText.shown(id)
                        + "\": expected a product this daemon follows (GET /api/tickers lists them)", Map.of());
            }
            indices.add(entry.index());
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private static CommandException unsupported(String field, String instead) {
        return new CommandException(ErrorCode.BAD_REQUEST, "field " + field + ": not supported on /socket.io/ "
                + "(expected: absent; " + instead + ")", Map.of("field", field));
    }

    /** {@code {"type":"subscriptions","channels":{"ticker":["BTC-USD"],"status":["*"],"alerts":[]}}}. */
    String subscriptionsJson() {
        StringBuilder out = new StringBuilder("{\"type\":\"subscriptions\",\"channels\":{");
        String separator = "";
        for (Map.Entry<Channel, ProductFilter> e : filters.entrySet()) {
            out.append(separator).append('"').append(e.getKey().wireName()).append("\":[");
            List<String> ids = ids(e.getValue());
            for (int i = 0; i < ids.size(); i++) {
                out.append(i == 0 ? "" : ",").append('"').append(SocketPacket.quote(ids.get(i))).append('"');
            }
            out.append(']');
            separator = ",";
        }
        return out.append("}}").toString();
    }

    private void published() {
        List<String> view = new ArrayList<>();
        filters.forEach((channel, f) -> ids(f).forEach(id -> view.add(channel.wireName() + ":" + id)));
        client.subscriptionsChanged(view);
    }

    private List<String> ids(ProductFilter f) {
        List<String> ids = new ArrayList<>();
        if (f.all()) {
            ids.add(Command.ALL_PRODUCTS);
        }
        List<ProductEntry> products = client.market().products();
        f.forEachListed(p -> ids.add(products.get(p).id()));
        return ids;
    }

    private int count() {
        int n = 0;
        for (ProductFilter f : filters.values()) {
            n += f.size() + (f.all() ? 1 : 0);
        }
        return n;
    }

    private static boolean matches(ProductFilter f, int product) {
        return f.all() || f.contains(product);
    }

    private static void clear(ProductFilter f) {
        f.all(false);
        f.clear();
    }

    /** The native error object for a failed command. */
    static String errorJson(CommandException e) {
        return "{\"type\":\"error\",\"code\":\"" + e.code().wireName() + "\",\"message\":\""
                + SocketPacket.quote(e.getMessage()) + "\"}";
    }

    /**
     * A copy of a client's subscriptions.
     *
     * @param everything  still the connect-time default, which the first subscribe replaces
     * @param listed      the product indices listed on each channel
     * @param allProducts the channels that follow every product
     */
    record Followed(boolean everything, Map<Channel, List<Integer>> listed, Set<Channel> allProducts) {
        Followed {
            Map<Channel, List<Integer>> copy = new EnumMap<>(Channel.class);
            listed.forEach((channel, products) -> copy.put(channel, List.copyOf(products)));
            listed = Map.copyOf(copy);
            allProducts = Set.copyOf(allProducts);
        }
    }
}
