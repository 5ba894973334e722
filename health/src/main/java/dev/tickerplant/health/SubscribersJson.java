package dev.tickerplant.health;

import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.fanout.SubscriberView;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.function.LongSupplier;

/** {@code GET /api/connections}: the downstream WebSocket clients, one object each. */
final class SubscribersJson {
    private final FanoutView fanout;
    private final LongSupplier epochMillis;

    /** @param fanout null while no fanout server is wired: the list is then empty */
    SubscribersJson(FanoutView fanout, LongSupplier epochMillis) {
        this.fanout = fanout;
        this.epochMillis = epochMillis;
    }

    FullHttpResponse answer(HttpVersion version) {
        List<SubscriberView> subscribers = fanout == null ? List.of() : fanout.subscribers();
        long now = epochMillis.getAsLong();
        return Responses.json(version, HttpResponseStatus.OK, JsonBody.render(json -> {
            json.writeStartObject();
            json.writeNumberField("count", subscribers.size());
            json.writeArrayFieldStart("connections");
            for (SubscriberView s : subscribers) {
                json.writeStartObject();
                json.writeStringField("id", s.id());
                json.writeStringField("protocol", s.protocol());
                json.writeStringField("remote_address", s.remoteAddress());
                json.writeStringField("user_agent", s.userAgent());
                json.writeNumberField("connected_s", Math.max(0, now - s.connectedAtEpochMillis()) / 1000);
                json.writeNumberField("messages_sent", s.messagesSent());
                json.writeNumberField("dropped", s.dropped());
                JsonBody.numberOrNull(json, "last_activity_ms_ago",
                        s.lastActivityEpochMillis() <= 0 ? -1 : Math.max(0, now - s.lastActivityEpochMillis()));
                json.writeArrayFieldStart("subscriptions");
                for (String subscription : s.subscriptions() == null ? List.<String>of() : s.subscriptions()) {
                    json.writeString(subscription);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }
}
