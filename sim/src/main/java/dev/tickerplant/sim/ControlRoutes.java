package dev.tickerplant.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.sim.feed.FaultControl;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.sim.market.EchoedText;
import dev.tickerplant.sim.market.NewListing;
import dev.tickerplant.sim.market.Product;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The control API: the {@link FaultControl}, tick and listing controls over HTTP with JSON answers.
 *
 * <pre>
 * GET  /connections                 open connections
 * GET  /stats                       counters
 * GET  /ticks                       {rate, paused, emitted}
 * GET  /products                    every product, busiest first: {id, status, tradable}
 * POST /products/list?id=NEW-USD[&amp;price=P&amp;volume=V]   list a new spot product (V: 24 h quote volume)
 * POST /products/delist?id=BTC-USD  delist a product (again: no change)
 * POST /ticks/pause | /ticks/resume
 * POST /ticks/rate?value=R          total ticks per second
 * POST /faults/reset                TCP reset
 * POST /faults/close[?code=1001&amp;reason=going%20away]
 * POST /faults/stall | /faults/unstall
 * POST /faults/drop?count=N | /faults/duplicate?count=N | /faults/malformed?count=N
 * POST /faults/swap                 swap the next two data frames
 * POST /faults/error?message=M
 * POST /faults/delay-ack?ms=D
 * POST /faults/reject-connections?count=N
 * </pre>
 * Faults take {@code connection=<id>} or {@code product=<id>}; with neither they apply to all connections, and the
 * answer is {@code {"affected":N}}. Listing answers {@code {"listed":id,...}}, delisting {@code {"delisted":id,...}}.
 * Errors are {@code {"error":...,"message":...}} with status 400, 404 (also for delisting an unknown product) or 405.
 */
final class ControlRoutes {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A response: HTTP status and JSON body. */
    record Response(int status, byte[] body) {
    }

    private final Simulator simulator;

    ControlRoutes(Simulator simulator) {
        this.simulator = simulator;
    }

    Response handle(String method, String uri) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        String path = decoder.path();
        Map<String, List<String>> query = decoder.parameters();
        try {
            if (path.equals("/") || path.equals("/connections") || path.equals("/stats") || path.equals("/ticks")
                    || path.equals("/products")) {
                if (!method.equals("GET")) {
                    return methodNotAllowed(method, path, "GET");
                }
                return switch (path) {
                    case "/connections" -> connections();
                    case "/stats" -> stats();
                    case "/ticks" -> ticks();
                    case "/products" -> products();
                    default -> index();
                };
            }
            if (path.startsWith("/ticks/") || path.startsWith("/faults/") || path.startsWith("/products/")) {
                if (!method.equals("POST")) {
                    return methodNotAllowed(method, path, "POST");
                }
                if (path.startsWith("/products/")) {
                    return listingCommand(path, query);
                }
                return path.startsWith("/ticks/") ? tickCommand(path, query) : fault(path.substring("/faults/".length()), query);
            }
            return error(404, "NOT_FOUND", "no control route " + method + " " + path + " (expected: GET / for the list)");
        } catch (IllegalArgumentException e) {
            return error(400, "BAD_REQUEST", e.getMessage());
        } catch (RuntimeException e) {
            return error(500, "INTERNAL", e.getMessage());
        }
    }

    private Response tickCommand(String path, Map<String, List<String>> query) {
        switch (path) {
            case "/ticks/pause" -> simulator.pauseTicks();
            case "/ticks/resume" -> simulator.resumeTicks();
            case "/ticks/rate" -> simulator.tickRate(number(query, "value"));
            default -> {
                return error(404, "NOT_FOUND", "no control route POST " + path
                        + " (expected: /ticks/pause, /ticks/resume or /ticks/rate)");
            }
        }
        return ticks();
    }

    private Response listingCommand(String path, Map<String, List<String>> query) {
        switch (path) {
            case "/products/list" -> {
                String id = text(query, "id", null);
                BigDecimal price = decimal(query, "price", NewListing.DEFAULT_PRICE);
                BigDecimal volume = decimal(query, "volume", NewListing.DEFAULT_QUOTE_VOLUME);
                Product listed = simulator.listProduct(id, price, volume);
                return ok(json -> {
                    json.writeStringField("listed", listed.id());
                    json.writeStringField("status", listed.flags().status());
                    json.writeStringField("price", listed.referencePrice().toPlainString());
                    json.writeStringField("quote_volume_24h", listed.quoteVolume24h().toPlainString());
                });
            }
            case "/products/delist" -> {
                String id = text(query, "id", null);
                if (simulator.catalog().find(id).isEmpty()) {
                    return error(404, "NOT_FOUND", "product: " + EchoedText.quote(id)
                            + " is not in the catalog (expected: an id of GET /products, e.g. BTC-USD)");
                }
                Product delisted = simulator.delistProduct(id);
                return ok(json -> {
                    json.writeStringField("delisted", delisted.id());
                    json.writeStringField("status", delisted.flags().status());
                });
            }
            default -> {
                return error(404, "NOT_FOUND", "no control route POST " + path
                        + " (expected: /products/list or /products/delist)");
            }
        }
    }

    private Response fault(String name, Map<String, List<String>> query) {
        FaultControl faults = simulator.faults();
        if (name.equals("reject-connections")) {
            int count = integer(query, "count", null);
            faults.rejectNextConnections(count);
            return ok(json -> json.writeNumberField("rejecting_next", count));
        }
        FaultTarget target = target(query);
        ToIntFunction<FaultTarget> action = switch (name) {
            case "reset" -> faults::reset;
            case "close" -> {
                int code = integer(query, "code", FaultControl.GOING_AWAY);
                String reason = text(query, "reason", code == FaultControl.GOING_AWAY ? "going away" : "");
                yield t -> faults.close(t, code, reason);
            }
            case "stall" -> t -> faults.stall(t, true);
            case "unstall" -> t -> faults.stall(t, false);
            case "drop" -> {
                int count = integer(query, "count", 1);
                yield t -> faults.dropNext(t, count);
            }
            case "duplicate" -> {
                int count = integer(query, "count", 1);
                yield t -> faults.duplicateNext(t, count);
            }
            case "swap" -> faults::swapNextTwo;
            case "malformed" -> {
                int count = integer(query, "count", 1);
                yield t -> faults.sendMalformed(t, count);
            }
            case "error" -> {
                String message = text(query, "message", null);
                yield t -> faults.sendError(t, message);
            }
            case "delay-ack" -> {
                Duration delay = Duration.ofMillis(integer(query, "ms", null));
                yield t -> faults.delayNextAck(t, delay);
            }
            default -> null;
        };
        if (action == null) {
            return error(404, "NOT_FOUND", "no fault '" + name + "' (expected: reset, close, stall, unstall, drop, "
                    + "duplicate, swap, malformed, error, delay-ack or reject-connections)");
        }
        int affected = action.applyAsInt(target);
        return ok(json -> json.writeNumberField("affected", affected));
    }

    private static FaultTarget target(Map<String, List<String>> query) {
        String connection = optional(query, "connection");
        String product = optional(query, "product");
        if (connection != null && product != null) {
            throw new IllegalArgumentException("connection and product: both given (expected: at most one target)");
        }
        if (connection != null) {
            try {
                return FaultTarget.connection(Long.parseLong(connection));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("connection: " + connection + " (expected: a connection id number)");
            }
        }
        return product != null ? FaultTarget.product(product) : FaultTarget.all();
    }

    private Response connections() {
        List<SimConnection> connections = simulator.connections();
        return ok(json -> {
            json.writeArrayFieldStart("connections");
            for (SimConnection c : connections) {
                json.writeStartObject();
                json.writeNumberField("id", c.id());
                json.writeStringField("protocol", c.protocol().name());
                json.writeStringField("remote_address", c.remoteAddress());
                json.writeStringField("state", c.state().name());
                json.writeBooleanField("stalled", c.stalled());
                json.writeObjectFieldStart("channels");
                for (Map.Entry<String, List<String>> channel : c.channels().entrySet()) {
                    json.writeArrayFieldStart(channel.getKey());
                    for (String id : channel.getValue()) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                json.writeArrayFieldStart("products");
                for (String id : c.products()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeNumberField("frames_sent", c.framesSent());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private Response stats() {
        SimulatorStats s = simulator.stats();
        return ok(json -> {
            json.writeNumberField("connections_accepted", s.connectionsAccepted());
            json.writeNumberField("connections_rejected", s.connectionsRejected());
            json.writeNumberField("max_connection_opens_in_any_window", s.maxConnectionOpensInAnyWindow());
            json.writeNumberField("max_subscribe_messages_in_any_window", s.maxSubscribeMessagesInAnyWindow());
            json.writeNumberField("subscribe_rate_violations", s.subscribeRateViolations());
            json.writeNumberField("frames_sent", s.framesSent());
            json.writeNumberField("open_connections", s.openConnections());
            json.writeNumberField("ticks_emitted", s.ticksEmitted());
            json.writeNumberField("tick_rate", s.tickRate());
            json.writeBooleanField("ticks_paused", s.ticksPaused());
        });
    }

    private Response ticks() {
        double rate = simulator.tickRate();
        boolean paused = simulator.ticksPaused();
        long emitted = simulator.emitted().total();
        return ok(json -> {
            json.writeNumberField("rate", rate);
            json.writeBooleanField("paused", paused);
            json.writeNumberField("emitted", emitted);
        });
    }

    private Response products() {
        List<Product> products = simulator.catalog().products();
        return ok(json -> {
            json.writeArrayFieldStart("products");
            for (Product product : products) {
                json.writeStartObject();
                json.writeStringField("id", product.id());
                json.writeStringField("status", product.flags().status());
                json.writeBooleanField("tradable", product.flags().tradable());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static Response index() {
        return ok(json -> {
            json.writeArrayFieldStart("routes");
            for (String route : List.of("GET /connections", "GET /stats", "GET /ticks", "GET /products",
                    "POST /products/list?id=NEW-USD&price=P&volume=V", "POST /products/delist?id=I", "POST /ticks/pause",
                    "POST /ticks/resume", "POST /ticks/rate?value=R", "POST /faults/reset", "POST /faults/close?code=C&reason=R",
                    "POST /faults/stall", "POST /faults/unstall", "POST /faults/drop?count=N",
                    "POST /faults/duplicate?count=N", "POST /faults/swap", "POST /faults/malformed?count=N",
                    "POST /faults/error?message=M", "POST /faults/delay-ack?ms=D", "POST /faults/reject-connections?count=N")) {
                json.writeString(route);
            }
            json.writeEndArray();
            json.writeStringField("targets", "connection=<id> | product=<id> | (none: all connections)");
        });
    }

    private static String optional(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A parameter's value; {@code fallback} when absent, and an error when absent without a fallback. */
    private static String text(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + ": missing (expected: ?" + name + "=...)");
            }
            return fallback;
        }
        return values.get(0);
    }

    private static int integer(Map<String, List<String>> query, String name, Integer fallback) {
        String value = text(query, name, fallback == null ? null : fallback.toString());
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a non-negative integer)");
        }
    }

    private static double number(Map<String, List<String>> query, String name) {
        String value = text(query, name, null);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a number)");
        }
    }

    private static BigDecimal decimal(Map<String, List<String>> query, String name, BigDecimal fallback) {
        String value = optional(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a decimal number)");
        }
    }

    private static Response methodNotAllowed(String method, String path, String expected) {
        return error(405, "METHOD_NOT_ALLOWED", method + " " + path + " (expected: " + expected + ")");
    }

    /** Fields of a top-level JSON object. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static Response ok(Fields fields) {
        return new Response(200, object(fields));
    }

    private static Response error(int status, String error, String message) {
        return new Response(status, object(json -> {
            json.writeStringField("error", error);
            json.writeStringField("message", message);
        }));
    }

    private static byte[] object(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode control response", e);
        }
        return out.toByteArray();
    }
}
