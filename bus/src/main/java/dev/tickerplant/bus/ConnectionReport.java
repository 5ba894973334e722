package dev.tickerplant.bus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One upstream connection of an ingest node as it is told on the bus, so that fanout nodes can send their subscribers
 * the same {@code status} messages a single process would.
 */
public record ConnectionReport(@JsonProperty("id") String id, @JsonProperty("state") String state,
                               @JsonProperty("streaming") boolean streaming,
                               @JsonProperty("products") List<String> products,
                               @JsonProperty("products_receiving") int productsReceiving,
                               @JsonProperty("last_close_reason") String lastCloseReason,
                               @JsonProperty("drops") long drops) {

    public ConnectionReport {
        products = List.copyOf(products);
    }
}
