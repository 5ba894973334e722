package dev.tickerplant.fanout.protocol;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/** A parsed client command. Product ids are checked against the market by whoever carries the command out. */
public sealed interface Command {

    /** The wildcard product: every product, present and future. */
    String ALL_PRODUCTS = "*";

    /**
     * @param products     ids as sent, de-duplicated; {@code ["*"]} for every product
     * @param minChangePct push a product's ticker only when its price moved at least this many percent
     * @param sinceSeq     replay what was missed after this global sequence number
     */
    record Subscribe(List<String> products, Set<Channel> channels, OptionalDouble minChangePct, boolean snapshot,
                     OptionalLong sinceSeq) implements Command {
        public Subscribe {
            products = List.copyOf(products);
            channels = Set.copyOf(channels);
            Objects.requireNonNull(minChangePct, "minChangePct");
            Objects.requireNonNull(sinceSeq, "sinceSeq");
        }

        public boolean allProducts() {
            return products.contains(ALL_PRODUCTS);
        }
    }

    record Unsubscribe(List<String> products, Set<Channel> channels) implements Command {
        public Unsubscribe {
            products = List.copyOf(products);
            channels = Set.copyOf(channels);
        }

        public boolean allProducts() {
            return products.contains(ALL_PRODUCTS);
        }
    }

    record Ping(boolean stats) implements Command {
    }

    record GetStatus() implements Command {
    }

    record GetProducts() implements Command {
    }
}
