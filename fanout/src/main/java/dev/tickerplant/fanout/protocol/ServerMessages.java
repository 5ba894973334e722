package dev.tickerplant.fanout.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The payloads of every server message except {@code ticker} and {@code snapshot} (see {@link TickerJson}). These go
 * out once per command, connection or event, never per tick, so they are written with jackson's generator for
 * correct escaping rather than by hand. The exact shapes are documented in docs/protocol.md.
 */
public final class ServerMessages {
    private static final JsonFactory JSON = new JsonFactory();

    private ServerMessages() {
    }

    /** What the server tells a client right after the upgrade. */
    public record Welcome(String clientId, String version, double heartbeatIntervalSeconds, int productCount,
                          int maxSubscriptions, int commandsPerSecond, int maxFrameBytes) {
    }

    /** One client's own figures, for {@code pong} with {@code stats: true}. */
    public record ClientStats(long messagesSent, long dropped, int subscriptions, long connectedSeconds) {
    }

    /** One upstream connection in a {@code status_report}. */
    public record ConnectionSummary(String id, String state, int products, int productsReceiving) {
    }

    public record StatusReport(double uptimeSeconds, long lastSeq, int clients, int connectionsStreaming,
                               int connectionsTotal, int productsReceiving, int productsPlanned,
                               List<ConnectionSummary> connections) {
    }

    /** One product in a {@code products} reply; price and seq are null before its first tick. */
    public record ProductQuote(String productId, String price, Long seq) {
    }

    public static byte[] welcome(Welcome w) {
        return write(g -> {
            g.writeStringField("type", "welcome");
            g.writeStringField("client_id", w.clientId());
            g.writeStringField("version", w.version());
            g.writeFieldName("heartbeat_interval_s");
            writeDecimal(g, w.heartbeatIntervalSeconds());
            g.writeArrayFieldStart("channels");
            for (String c : Channel.NAMES) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeNumberField("product_count", w.productCount());
            g.writeObjectFieldStart("limits");
            g.writeNumberField("max_subscriptions", w.maxSubscriptions());
            g.writeNumberField("commands_per_second", w.commandsPerSecond());
            g.writeNumberField("max_frame_bytes", w.maxFrameBytes());
            g.writeEndObject();
        });
    }

    /**
     * The largest {@code error} message, whatever the command it answers (docs/protocol.md): echoed text is cut
     * ({@link UntrustedText}) and lists in details are capped where the errors are made; this is the backstop.
     */
    public static final int MAX_ERROR_BYTES = 1024;
    private static final int BACKSTOP_MESSAGE_CHARS = 256;

    /** At most {@link #MAX_ERROR_BYTES}: one that would be larger goes out with its message cut and no details. */
    public static byte[] error(ErrorCode code, String message, Map<String, Object> details) {
        byte[] error = writeError(code, message, details);
        return error.length <= MAX_ERROR_BYTES ? error
                : writeError(code, UntrustedText.line(message, BACKSTOP_MESSAGE_CHARS), Map.of());
    }

    private static byte[] writeError(ErrorCode code, String message, Map<String, Object> details) {
        return write(g -> {
            g.writeStringField("type", "error");
            g.writeStringField("code", code.wireName());
            g.writeStringField("message", message);
            g.writeFieldName("details");
            writeValue(g, details);
        });
    }

    /** The client's subscriptions after a subscribe or unsubscribe, per channel; {@code ["*"]} for all products. */
    public static byte[] subscriptions(Map<Channel, List<String>> byChannel) {
        return write(g -> {
            g.writeStringField("type", "subscriptions");
            g.writeObjectFieldStart("channels");
            for (Channel c : Channel.values()) {
                g.writeArrayFieldStart(c.wireName());
                for (String id : byChannel.getOrDefault(c, List.of())) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    public static byte[] pong(ClientStats stats) {
        return write(g -> {
            g.writeStringField("type", "pong");
            if (stats != null) {
                g.writeObjectFieldStart("stats");
                g.writeNumberField("messages_sent", stats.messagesSent());
                g.writeNumberField("dropped", stats.dropped());
                g.writeNumberField("subscriptions", stats.subscriptions());
                g.writeNumberField("connected_s", stats.connectedSeconds());
                g.writeEndObject();
            }
        });
    }

    public static byte[] heartbeat(long serverTimeEpochNanos, long lastSeq) {
        return write(g -> {
            g.writeStringField("type", "heartbeat");
            g.writeStringField("server_time", Timestamps.format(serverTimeEpochNanos));
            g.writeNumberField("last_seq", lastSeq);
        });
    }

    public static byte[] statusReport(StatusReport r) {
        return write(g -> {
            g.writeStringField("type", "status_report");
            g.writeFieldName("uptime_s");
            writeDecimal(g, r.uptimeSeconds());
            g.writeNumberField("last_seq", r.lastSeq());
            g.writeNumberField("clients", r.clients());
            g.writeObjectFieldStart("upstream");
            g.writeNumberField("connections_streaming", r.connectionsStreaming());
            g.writeNumberField("connections_total", r.connectionsTotal());
            g.writeNumberField("products_receiving", r.productsReceiving());
            g.writeNumberField("products_planned", r.productsPlanned());
            g.writeArrayFieldStart("connections");
            for (ConnectionSummary c : r.connections()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("state", c.state());
                g.writeNumberField("products", c.products());
                g.writeNumberField("products_receiving", c.productsReceiving());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static byte[] products(List<ProductQuote> quotes) {
        return write(g -> {
            g.writeStringField("type", "products");
            g.writeArrayFieldStart("products");
            for (ProductQuote q : quotes) {
                g.writeStartObject();
                g.writeStringField("product_id", q.productId());
                if (q.price() != null) {
                    g.writeStringField("price", q.price());
                } else {
                    g.writeNullField("price");
                }
                if (q.seq() != null) {
                    g.writeNumberField("seq", q.seq());
                } else {
                    g.writeNullField("seq");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * @param scope {@code connection} (one upstream connection and the products it carries) or {@code product}
     * @param state {@code stale} (no data can arrive for these products) or {@code recovered}
     */
    public static byte[] status(String scope, String id, String state, List<String> products, String reason,
                                long epochNanos) {
        return write(g -> {
            g.writeStringField("type", "status");
            g.writeStringField("scope", scope);
            g.writeStringField("id", id);
            g.writeStringField("state", state);
            g.writeArrayFieldStart("products");
            for (String p : products) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeStringField("reason", reason);
            g.writeStringField("time", Timestamps.format(epochNanos));
        });
    }

    public static byte[] replayUnavailable(long sinceSeq, long oldestSeq) {
        return write(g -> {
            g.writeStringField("type", "replay_unavailable");
            g.writeNumberField("since_seq", sinceSeq);
            g.writeNumberField("oldest_seq", oldestSeq);
        });
    }

    public static byte[] volumeAlert(String productId, int windowMinutes, double volume, double average,
                                     double threshold, long epochNanos) {
        return write(g -> {
            g.writeStringField("type", "volume_alert");
            g.writeStringField("product_id", productId);
            g.writeNumberField("window_minutes", windowMinutes);
            g.writeFieldName("volume");
            writeDecimal(g, volume);
            g.writeFieldName("average");
            writeDecimal(g, average);
            g.writeFieldName("ratio");
            writeDecimal(g, round(volume / average, 4));
            g.writeFieldName("threshold");
            writeDecimal(g, threshold);
            g.writeStringField("time", Timestamps.format(epochNanos));
        });
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Plain decimal notation ({@code 0.00001}, not {@code 1.0E-5}), trailing zeros dropped. */
    private static void writeDecimal(JsonGenerator g, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNull();
            return;
        }
        g.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    private static double round(double value, int decimals) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .doubleValue() : value;
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            writeDecimal(g, n.doubleValue());
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}
