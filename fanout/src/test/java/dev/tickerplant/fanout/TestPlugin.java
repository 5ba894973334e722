package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal plug-in endpoint. A client sends a product id to follow its ticks ({@code {"type":"ok",...}}), or
 * {@code seen} to learn how many tickers its loop's share heard of. A tick is {@code {"type":"tick",
 * "product_id":"BTC-USD","price":"1.5"}}: one frame shared by every client, or, with {@link #payloads}, a payload
 * each client frames with its own counter, {@code {"type":"tick","n":0,"product_id":...}}. Encoding a tick whose
 * price is {@link #FAILING_PRICE} throws.
 */
final class TestPlugin implements EndpointPlugin {
    static final String FAILING_PRICE = "13";
    private final String path;
    private final TestEncoding encoding;

    private TestPlugin(String path, boolean completeFrames) {
        this.path = path;
        this.encoding = new TestEncoding(path, completeFrames);
    }

    /** Ticks as complete frames, shared as they are. */
    static TestPlugin frames(String path) {
        return new TestPlugin(path, true);
    }

    /** Ticks as payloads each client frames. */
    static TestPlugin payloads(String path) {
        return new TestPlugin(path, false);
    }

    /** Ticks encoded so far. Any thread. */
    long encoded() {
        return encoding.encoded;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String protocol() {
        return path.substring(1).replace('/', '-');
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public byte[] refusal(String message) {
        return ("{\"type\":\"refused\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PluginLoop newLoop() {
        return new TestLoop(encoding.completeFrames());
    }

    private static final class TestEncoding implements Encoding {
        private static final byte[] TYPE = ascii("{\"type\":\"tick\",");
        private static final byte[] PRODUCT = ascii("\"product_id\":\"");
        private static final byte[] PRICE = ascii("\",\"price\":\"");
        private final String name;
        private final boolean completeFrames;
        private final JsonBytes json = new JsonBytes(256);
        /** Written by the ring consumer only. */
        private volatile long encoded;

        TestEncoding(String name, boolean completeFrames) {
            this.name = name;
            this.completeFrames = completeFrames;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void encode(TickEvent event, ByteBuf out) {
            if (event.ticker.field(TickField.PRICE).contentEquals(FAILING_PRICE)) {
                out.writeBytes(TYPE); // half-written bytes the server must discard
                throw new IllegalStateException("test encoding fails on price " + FAILING_PRICE);
            }
            json.reset();
            if (completeFrames) {
                json.append(TYPE);
            }
            json.append(PRODUCT).append(event.ticker.productId).append(PRICE)
                    .append(event.ticker.field(TickField.PRICE)).append('"');
            if (completeFrames) {
                json.append('}');
                WebSocketFrames.appendText(out, json.array(), 0, json.length());
            } else {
                out.writeBytes(json.array(), 0, json.length());
            }
            encoded++;
        }

        @Override
        public boolean completeFrames() {
            return completeFrames;
        }
    }

    private static final class TestLoop implements PluginLoop {
        private final boolean completeFrames;
        private long heard;

        TestLoop(boolean completeFrames) {
            this.completeFrames = completeFrames;
        }

        @Override
        public void onTicker(int product, long seq, long sequence, long tradeId, ByteBuf source, int index,
                             int length) {
            heard++;
        }

        @Override
        public EndpointClient open(EndpointSession session) {
            return new TestClient(session, this, completeFrames);
        }
    }

    private static final class TestClient implements EndpointClient, TickFraming {
        private static final byte[] HEAD = ascii("{\"type\":\"tick\",\"n\":");
        private final EndpointSession session;
        private final TestLoop loop;
        private final boolean completeFrames;
        private final JsonBytes scratch = new JsonBytes(64);
        private final List<String> followed = new ArrayList<>();
        private long n;

        TestClient(EndpointSession session, TestLoop loop, boolean completeFrames) {
            this.session = session;
            this.loop = loop;
            this.completeFrames = completeFrames;
        }

        @Override
        public void onText(byte[] text) {
            String request = new String(text, StandardCharsets.UTF_8);
            if (request.equals("seen")) {
                session.reply(("{\"type\":\"seen\",\"count\":" + loop.heard + "}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            ProductEntry product = session.market().product(request);
            if (product == null) {
                session.countCommandError();
                session.reply(("{\"type\":\"unknown\",\"product_id\":\"" + request + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            session.ticker().add(product.index());
            followed.add("ticker:" + request);
            session.subscriptionsChanged(followed);
            session.reply(("{\"type\":\"ok\",\"product_id\":\"" + request + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onBinary() {
            session.countCommandError();
        }

        @Override
        public void onClosed() {
        }

        @Override
        public TickFraming framing() {
            return completeFrames ? null : this;
        }

        @Override
        public void write(ByteBuf source, int index, int length, ByteBuf out) {
            scratch.reset().append(HEAD).append(n++).append(',');
            WebSocketFrames.writeTextHeader(out, scratch.length() + length + 1);
            out.writeBytes(scratch.array(), 0, scratch.length());
            out.writeBytes(source, index, length);
            out.writeByte('}');
        }

        @Override
        public void dropped() {
            n++;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
