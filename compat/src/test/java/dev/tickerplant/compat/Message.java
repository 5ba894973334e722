package dev.tickerplant.compat;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A Coinbase-format message as received: its exact text, for byte-exact assertions, and its parsed form. */
record Message(String text, Map<String, Object> json) {

    static Message of(String text) {
        return new Message(text, Json.object(text));
    }

    Object get(String key) {
        return json.get(key);
    }

    static Predicate<Message> channel(String name) {
        return m -> name.equals(m.get("channel"));
    }

    static Predicate<Message> type(String name) {
        return m -> name.equals(m.get("type"));
    }

    static Message next(WebSocketClient client) {
        return of(client.next());
    }

    /** The next message that {@code wanted} accepts; the ones before it are dropped. */
    static Message next(WebSocketClient client, Predicate<Message> wanted) {
        return of(client.next(text -> wanted.test(of(text))));
    }

    /** Every message that arrives within {@code window}. */
    static List<Message> during(WebSocketClient client, Duration window) {
        return client.during(window).stream().map(Message::of).toList();
    }
}
