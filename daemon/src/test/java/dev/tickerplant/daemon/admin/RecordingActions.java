package dev.tickerplant.daemon.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Admin actions that record each call ("changeProducts [SOL-USD] [ETH-USD]") and answer with fixed reports, or with
 * {@link #failure} when one is set; the catalog refresh hands the test its future.
 */
final class RecordingActions implements AdminActions {
    static final ProductsReport PRODUCTS = new ProductsReport("top 2 USD", List.of(
            new ProductsReport.FollowedProduct("BTC-USD", true, "conn-01a"),
            new ProductsReport.FollowedProduct("ETH-USD", false, "conn-02a")));
    static final ChangeReport CHANGE = new ChangeReport(List.of("SOL-USD"), List.of("ETH-USD"), List.of(),
            List.of(), 1, 2, 0);
    static final ChangeReport PRIORITY = new ChangeReport(List.of(), List.of(), List.of("BTC-USD"), List.of(), 1, 1, 0);
    static final ChangeReport REFRESHED = new ChangeReport(List.of("NEW-USD"), List.of(), List.of(), List.of(), 0,
            1, 0);

    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicReference<CompletableFuture<ChangeReport>> refresh = new AtomicReference<>();

    @Override
    public ProductsReport products() {
        record("products");
        return PRODUCTS;
    }

    @Override
    public ChangeReport changeProducts(List<String> add, List<String> remove) {
        record("changeProducts " + add + " " + remove);
        return CHANGE;
    }

    @Override
    public ChangeReport changePriority(List<String> add, List<String> remove) {
        record("changePriority " + add + " " + remove);
        return PRIORITY;
    }

    @Override
    public RotationReport rotate(String connection) {
        record("rotate " + connection);
        return new RotationReport(connection, true, "replacement link opening; the current one closes once it"
                + " streams");
    }

    @Override
    public CompletableFuture<ChangeReport> refreshCatalog() {
        record("refreshCatalog");
        CompletableFuture<ChangeReport> answer = new CompletableFuture<>();
        refresh.set(answer);
        return answer;
    }

    @Override
    public LogLevelReport logLevel(String logger, String level) {
        record("logLevel " + logger + " " + level);
        return new LogLevelReport(logger, "INFO", level);
    }

    private void record(String call) {
        calls.add(call);
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
