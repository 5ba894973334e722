package dev.tickerplant.bus;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import java.util.List;

/** What the publisher tests hand a {@link TickPublisher}: options with its two bounds, and numbered ticks. */
final class PublisherFixture {
    private PublisherFixture() {
    }

    /** The defaults for one node on {@code server}, but with these bounds. */
    static BusOptions options(String server, int publishBuffer, int maxPendingAcks) {
        BusOptions o = BusOptions.defaults(List.of(server), "ingest-1");
        return new BusOptions(o.servers(), o.credentialsFile(), o.tlsCaFile(), o.nodeName(), o.stream(),
                o.subjectPrefix(), o.replicas(), o.maxAge(), o.maxMsgsPerSubject(), o.duplicateWindow(), publishBuffer,
                maxPendingAcks, o.unreachableThreshold());
    }

    /** An accepted BTC-USD tick with exchange sequence {@code sequence}, so its message id is its own. */
    static TickEvent tick(int sequence) {
        TickEvent e = new TickEvent();
        e.productIndex = 0;
        e.accepted = true;
        e.globalSeq = sequence + 1;
        e.ticker.productId.set("BTC-USD");
        e.ticker.exchangeSequence = sequence;
        e.ticker.field(TickField.PRICE).set("100." + sequence);
        e.receivedEpochNanos = 1_000_000_000L * (1_700_000_000L + sequence);
        return e;
    }
}
