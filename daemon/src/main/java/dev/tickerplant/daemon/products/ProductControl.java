package dev.tickerplant.daemon.products;

import dev.tickerplant.daemon.admin.AdminException;
import dev.tickerplant.daemon.admin.ChangeReport;
import dev.tickerplant.daemon.admin.ProductsReport;
import dev.tickerplant.ingest.catalog.CatalogLoader;
import dev.tickerplant.ingest.catalog.CatalogUnavailableException;
import dev.tickerplant.ingest.catalog.ProductCatalog;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.plan.PlanChange;
import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the followed products of a running node: refreshes the catalog every {@code catalog-refresh-interval} (and
 * when asked), takes the operator's changes and reloaded selection settings, and applies each resulting plan to the
 * upstream connections ({@link UpstreamConductor#apply}: make-before-break) and to the market (subscribers of a
 * removed product are told). One change at a time; each one that changes something is logged in one line.
 *
 * <p>The catalog is fetched on this class's own thread, outside the lock, so that an operator's change (answered on an
 * event loop) never waits for the network.
 */
public final class ProductControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProductControl.class);
    private static final int MAX_LOGGED_IDS = 10;

    private final FollowedProducts followed;
    private final CatalogLoader catalogs;
    private final UpstreamConductor upstream;
    private final MarketState market;
    private final LongAdder refreshesOk = new LongAdder();
    private final LongAdder refreshesFailed = new LongAdder();
    private volatile long lastRefreshEpochMillis;
    private volatile int productsFollowed;
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("catalog-refresh", true));

    public ProductControl(FollowedProducts followed, CatalogLoader catalogs, UpstreamConductor upstream,
                          MarketState market) {
        this.followed = followed;
        this.catalogs = catalogs;
        this.upstream = upstream;
        this.market = market;
        this.productsFollowed = followed.followedIds().size();
    }

    /** Refreshes the catalog every {@code interval} from now on; zero: never. */
    public ProductControl refreshEvery(Duration interval) {
        if (!interval.isZero()) {
            long nanos = interval.toNanos();
            refresher.scheduleWithFixedDelay(this::refreshQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
        }
        return this;
    }

    /** Fetches the catalog again now (on the refresh thread) and applies it. */
    public CompletableFuture<ChangeReport> refreshCatalog() {
        CompletableFuture<ChangeReport> done = new CompletableFuture<>();
        try {
            refresher.execute(() -> {
                try {
                    done.complete(refreshNow());
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            done.completeExceptionally(new AdminException(503, "shutting_down", "the daemon is shutting down",
                    Map.of()));
        }
        return done;
    }

    private void refreshQuietly() {
        try {
            refreshNow();
        } catch (AdminException e) {
            log.warn("catalog refresh failed, following the same products: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("catalog refresh failed, following the same products", e);
        }
    }

    private ChangeReport refreshNow() {
        try {
            ProductCatalog fetched = fetch();
            ChangeReport report = change("catalog refresh", inputs -> inputs.withCatalog(fetched));
            refreshesOk.increment();
            lastRefreshEpochMillis = System.currentTimeMillis();
            return report;
        } catch (RuntimeException e) {
            refreshesFailed.increment();
            throw e;
        }
    }

    private ProductCatalog fetch() {
        try {
            return catalogs.refresh();
        } catch (CatalogUnavailableException e) {
            throw new AdminException(502, "catalog_unavailable", e.getMessage(), Map.of("endpoint",
                    catalogs.endpoint()));
        }
    }

    /** Catalog refreshes that were applied (whether or not they changed anything) since start. */
    public long refreshesOk() {
        return refreshesOk.sum();
    }

    /** Catalog refreshes that changed nothing because the fetch or the selection failed, since start. */
    public long refreshesFailed() {
        return refreshesFailed.sum();
    }

    /** When the last refresh was applied, epoch millis; 0 before the first (the start-up fetch is not one). */
    public long lastRefreshEpochMillis() {
        return lastRefreshEpochMillis;
    }

    /** Products followed now; read without the lock, for /metrics. */
    public int productsFollowed() {
        return productsFollowed;
    }

    /** Follows {@code add} too and stops following {@code remove}, until a restart. */
    public synchronized ChangeReport changeProducts(List<String> add, List<String> remove) {
        followed.checkProductChange(add, remove);
        return change("admin API", inputs -> inputs.withOperator(inputs.operator().withProducts(add, remove)));
    }

    /** Moves products onto (add) or off (remove) the priority connections, until a restart. */
    public synchronized ChangeReport changePriority(List<String> add, List<String> remove) {
        followed.checkPriorityChange(add, remove);
        return change("admin API", inputs -> inputs.withOperator(inputs.operator().withPriority(add, remove)));
    }

    /** Reloaded {@code products} / {@code top-n} / {@code priority-products} settings. */
    public ChangeReport reselect(Selection selection, List<String> priority) {
        return change("reload", inputs -> inputs.withSettings(selection, priority));
    }

    /** Plans from the changed inputs, applies the plan, logs what changed in one line. */
    private synchronized ChangeReport change(String reason, UnaryOperator<FollowedProducts.Inputs> edit) {
        FollowedProducts.Next next = followed.plan(edit.apply(followed.inputs()));
        if (!next.dropped().isEmpty()) {
            log.warn("{}: no longer in the catalog, left out: {}", reason, shortList(next.dropped()));
        }
        if (next.selectsNothing()) {
            throw new AdminException(409, "selects_nothing", reason + ": the selection (" + followed
                    .describeSelection() + ") picks no product from the catalog; nothing changed", Map.of());
        }
        if (next.plan().shards().isEmpty()) {
            throw new AdminException(409, "nothing_left", reason + " would leave no product to follow; nothing "
                    + "changed", Map.of());
        }
        UpstreamConductor.PlanApplied applied = upstream.apply(next.plan(), reason);
        PlanChange change = next.change();
        market.follow(change.productsAdded(), change.productsRemoved(),
                change.productsRemoved().isEmpty() ? reason : removalReason(reason));
        followed.take(next);
        productsFollowed = followed.followedIds().size();
        ChangeReport report = new ChangeReport(change.productsAdded(), change.productsRemoved(),
                next.priorityAdded(), next.priorityRemoved(), applied.opened(), applied.changed(), applied.closed());
        if (next.changesSomething()) {
            log.info("products changed ({}): {}{}", reason, change.summary(), priorityChange(report));
        } else {
            log.info("{}: no change ({} products followed)", reason, followed.followedIds().size());
        }
        return report;
    }

    private static String removalReason(String reason) {
        return switch (reason) {
            case "catalog refresh" -> "delisted or offline: no longer selected from the catalog";
            case "admin API" -> "removed by an operator";
            default -> "no longer selected (" + reason + ")";
        };
    }

    /** GET /admin/products: each followed product and the connection (first leg) carrying it. */
    public synchronized ProductsReport products() {
        Map<Integer, String> connectionOfShard = new HashMap<>();
        for (UpstreamSession session : upstream.sessions()) {
            if (session.leg() == 0) {
                connectionOfShard.put(session.shardId(), session.name());
            }
        }
        List<ProductsReport.FollowedProduct> products = new ArrayList<>();
        for (Shard shard : followed.plan().shards()) {
            for (String id : shard.productIds()) {
                products.add(new ProductsReport.FollowedProduct(id, shard.priority(),
                        connectionOfShard.getOrDefault(shard.id(), "")));
            }
        }
        products.sort(Comparator.comparing(ProductsReport.FollowedProduct::id));
        return new ProductsReport(followed.describeSelection(), products);
    }

    /** "; priority +1 (SOL-USD), -0" after the plan's summary, when the priority products changed. */
    private static String priorityChange(ChangeReport r) {
        if (r.priorityAdded().isEmpty() && r.priorityRemoved().isEmpty()) {
            return "";
        }
        return "; priority +" + r.priorityAdded().size() + shortList(r.priorityAdded()) + ", -"
                + r.priorityRemoved().size() + shortList(r.priorityRemoved());
    }

    private static String shortList(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> shown = ids.subList(0, Math.min(ids.size(), MAX_LOGGED_IDS));
        return " (" + String.join(", ", shown) + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size())
                + " more" : "") + ")";
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
