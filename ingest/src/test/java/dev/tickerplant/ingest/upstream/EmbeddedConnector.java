package dev.tickerplant.ingest.upstream;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every link an {@link EmbeddedChannel} instead of a socket, and lets the test play the exchange on it: the
 * link's real decoding, acks and close paths run, on the test's thread and the test's clock. Every action runs the
 * session's due tasks afterwards, as the event loop would.
 */
final class EmbeddedConnector implements UpstreamConnector {
    private final ManualTimers timers;
    private final List<Peer> peers = new ArrayList<>();

    EmbeddedConnector(ManualTimers timers) {
        this.timers = timers;
    }

    @Override
    public void connect(UpstreamLink link, Runnable onClosed) {
        EmbeddedChannel channel = new EmbeddedChannel(link);
        link.attach(channel);
        channel.closeFuture().addListener(f -> onClosed.run());
        peers.add(new Peer(channel, link, timers.nanoTime()));
    }

    /** Connect attempts so far. */
    int attempts() {
        return peers.size();
    }

    /** The far end of the {@code n}-th connect (0-based). */
    Peer peer(int n) {
        return peers.get(n);
    }

    Peer last() {
        return peers.get(peers.size() - 1);
    }

    /** The exchange's end of one link. */
    final class Peer {
        final long connectedAtNanos;
        private final EmbeddedChannel channel;
        private final UpstreamLink link;
        private long sequence;
        private int pings;

        private Peer(EmbeddedChannel channel, UpstreamLink link, long connectedAtNanos) {
            this.channel = channel;
            this.link = link;
            this.connectedAtNanos = connectedAtNanos;
        }

        /** The WebSocket upgrade succeeded. */
        Peer open() {
            channel.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
            timers.runDue();
            return this;
        }

        /** The TCP connect failed, as {@link WebSocketConnector} reports it. */
        void refuse() {
            link.close("connect failed: Connection refused");
            timers.runDue();
        }

        /** The cumulative {@code subscriptions} ack of {@code channels} ("ticker" lists every given product). */
        Peer ack(List<String> products, String... channels) {
            StringBuilder ack = new StringBuilder("{\"channel\":\"subscriptions\","
                    + "\"timestamp\":\"2024-01-01T00:00:00Z\",\"sequence_num\":" + sequence++ + ",\"events\":[{\"subscriptions\":{");
            for (int i = 0; i < channels.length; i++) {
                List<String> ids = channels[i].equals("ticker") ? products : List.of(channels[i]);
                ack.append(i == 0 ? "" : ",").append('"').append(channels[i]).append("\":[");
                for (int j = 0; j < ids.size(); j++) {
                    ack.append(j == 0 ? "" : ",").append('"').append(ids.get(j)).append('"');
                }
                ack.append(']');
            }
            return send(ack.append("}}]}").toString());
        }

        Peer ticker(String product) {
            return send("{\"channel\":\"ticker\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"sequence_num\":"
                    + sequence++ + ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\","
                    + "\"product_id\":\"" + product + "\",\"price\":\"100.5\",\"volume_24_h\":\"" + sequence + "\","
                    + "\"low_24_h\":\"99\",\"high_24_h\":\"101\",\"low_52_w\":\"50\",\"high_52_w\":\"150\","
                    + "\"price_percent_chg_24_h\":\"0.5\",\"best_bid\":\"100.4\",\"best_ask\":\"100.6\","
                    + "\"best_bid_quantity\":\"1\",\"best_ask_quantity\":\"2\"}]}]}");
        }

        Peer heartbeat() {
            return send("{\"channel\":\"heartbeats\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"sequence_num\":"
                    + sequence++ + ",\"events\":[{\"current_time\":\"2024-01-01T00:00:00Z\",\"heartbeat_counter\":"
                    + sequence + "}]}");
        }

        private Peer send(String text) {
            channel.writeInbound(new TextWebSocketFrame(text));
            timers.runDue();
            return this;
        }

        /** The server closes the WebSocket with {@code code}. */
        void closeFrame(int code, String reason) {
            channel.writeInbound(new CloseWebSocketFrame(code, reason));
            timers.runDue();
        }

        /** The server drops the connection. */
        void drop() {
            channel.close();
            timers.runDue();
        }

        boolean isOpen() {
            return channel.isActive();
        }

        /** The text messages the link sent since the last call (pings are counted apart). */
        List<String> sent() {
            List<String> texts = new ArrayList<>();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                if (out instanceof TextWebSocketFrame text) {
                    texts.add(text.text());
                    text.release();
                } else if (out instanceof PingWebSocketFrame ping) {
                    pings++;
                    ping.release();
                }
            }
            return texts;
        }

        /** Pings the link sent, as of the last {@link #sent()}. */
        int pings() {
            return pings;
        }

        /** Why the link closed ("connection closed by peer" if it did not say). */
        String closeReason() {
            return link.closeReason();
        }
    }
}
