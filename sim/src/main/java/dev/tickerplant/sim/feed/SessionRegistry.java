package dev.tickerplant.sim.feed;

import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open connections, by id. Event loops add and remove; the pump, timers and faults iterate. */
final class SessionRegistry {

    private final ConcurrentHashMap<Long, FeedSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(FeedSession session) {
        sessions.put(session.id, session);
    }

    void remove(FeedSession session) {
        sessions.remove(session.id, session);
    }

    Collection<FeedSession> all() {
        return sessions.values();
    }

    int size() {
        return sessions.size();
    }

    /** The open connections a fault target names, by ascending id; an unknown product id is an error. */
    List<FeedSession> select(FaultTarget target, ProductCatalog catalog) {
        List<FeedSession> selected = new ArrayList<>();
        switch (target.kind()) {
            case CONNECTION -> {
                FeedSession session = sessions.get(target.connectionId());
                if (session != null) {
                    selected.add(session);
                }
            }
            case PRODUCT -> {
                Product product = catalog.require(target.productId());
                for (FeedSession session : sessions.values()) {
                    if (session.carries(product.dataSourceIndex())) {
                        selected.add(session);
                    }
                }
            }
            case ALL -> selected.addAll(sessions.values());
        }
        selected.sort(Comparator.comparingLong(s -> s.id));
        return selected;
    }
}
