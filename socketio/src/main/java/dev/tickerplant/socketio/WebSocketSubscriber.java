package dev.tickerplant.socketio;

import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.ring.MarketView;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A Socket.IO client on a WebSocket as its events' handling sees it: everything goes through its fanout session. */
record WebSocketSubscriber(EndpointSession session) implements SubscribingClient {
    @Override
    public ProductFilter ticker() {
        return session.ticker();
    }

    @Override
    public FanoutOptions options() {
        return session.options();
    }

    @Override
    public MarketView market() {
        return session.market();
    }

    @Override
    public long takeCommandToken() {
        return session.takeCommandToken();
    }

    @Override
    public void countCommandError() {
        session.countCommandError();
    }

    @Override
    public void send(String packet) {
        session.reply(packet.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendSnapshot(int product, JsonBytes tickerUpdate, long seq, double price) {
        session.reply(tickerUpdate);
        session.snapshotSent(product, seq, price);
    }

    @Override
    public void subscriptionsChanged(List<String> subscriptions) {
        session.subscriptionsChanged(subscriptions);
    }
}
