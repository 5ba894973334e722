package dev.tickerplant.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.fanout.protocol.CommandException;
import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.UntrustedText;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO events of one connected client, on either transport: {@code subscribe} and {@code unsubscribe} are
 * carried out on its {@link Subscriptions}, counted against its message rate, and answered to the event's ack when it
 * asked for one, else as a {@code subscriptions} or {@code error} event. On the client's loop.
 */
final class SocketIoEvents {
    private final SubscribingClient client;
    private final Subscriptions subscriptions;

    SocketIoEvents(SubscribingClient client) {
        this.client = client;
        this.subscriptions = new Subscriptions(client);
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** An EVENT packet of the connected client. */
    void handle(SocketPacket packet) {
        JsonNode data = packet.data();
        String name = data != null && data.isArray() && data.size() > 0 && data.get(0).isTextual()
                ? data.get(0).textValue() : null;
        try {
            long waitNanos = client.takeCommandToken();
            if (waitNanos > 0) {
                int limit = client.options().commandsPerSecond();
                throw new CommandException(ErrorCode.RATE_LIMITED, "rate limited: more than " + limit
                        + " events per second (expected at most " + limit + "); retry after "
                        + TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999) + " ms", Map.of());
            }
            if (!"subscribe".equals(name) && !"unsubscribe".equals(name)) {
                throw new CommandException(ErrorCode.UNKNOWN_TYPE, "unknown event " + (name == null ? "(none)"
                        : "\"" + UntrustedText.shown(name) + "\"") + ": expected subscribe or unsubscribe", Map.of());
            }
            subscriptions.handle(name, data.size() > 1 ? data.get(1) : null, reply -> answer(packet, "subscriptions",
                    reply));
        } catch (CommandException e) {
            client.countCommandError();
            answer(packet, "error", Subscriptions.errorJson(e));
        }
    }

    /** The ack of the event when it asked for one, else an event of its own. */
    private void answer(SocketPacket request, String eventName, String json) {
        String reply = request.ackId() >= 0 ? SocketPacket.ack(request.ackId(), json)
                : SocketPacket.event(eventName, json);
        client.send(EnginePackets.message(reply));
    }
}
