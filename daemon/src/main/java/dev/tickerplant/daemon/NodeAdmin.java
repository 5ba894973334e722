package dev.tickerplant.daemon;

import dev.tickerplant.coinbase.ProductNames;
import dev.tickerplant.daemon.admin.AdminActions;
import dev.tickerplant.daemon.admin.AdminException;
import dev.tickerplant.daemon.admin.ChangeReport;
import dev.tickerplant.daemon.admin.LogLevelReport;
import dev.tickerplant.daemon.admin.LogLevels;
import dev.tickerplant.daemon.admin.ProductsReport;
import dev.tickerplant.daemon.admin.RotationReport;
import dev.tickerplant.daemon.products.ProductControl;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The admin API's actions on this node: product and priority changes and catalog refreshes through
 * {@link ProductControl}, rotations on the upstream connections, log levels. A fanout node has no upstream of its own:
 * its product actions are refused with a line that says where to make them.
 */
final class NodeAdmin implements AdminActions {
    private final ProductControl products;
    private final UpstreamConductor upstream;
    private final String quoteCurrency;
    private final LogLevels logLevels = new LogLevels();

    /** @param products null on a fanout node */
    NodeAdmin(ProductControl products, UpstreamConductor upstream, String quoteCurrency) {
        this.products = products;
        this.upstream = upstream;
        this.quoteCurrency = quoteCurrency;
    }

    @Override
    public ProductsReport products() {
        return control().products();
    }

    @Override
    public ChangeReport changeProducts(List<String> add, List<String> remove) {
        return control().changeProducts(ids(add), ids(remove));
    }

    @Override
    public ChangeReport changePriority(List<String> add, List<String> remove) {
        return control().changePriority(ids(add), ids(remove));
    }

    @Override
    public RotationReport rotate(String connection) {
        UpstreamSession session = upstream.session(connection).orElseThrow(() -> new AdminException(404,
                "unknown_connection", "no connection " + UntrustedText.quote(connection) + " (expected one of: "
                + String.join(", ", upstream.sessions().stream().map(UpstreamSession::name).toList()) + ")",
                Map.of("connections", upstream.sessions().stream().map(UpstreamSession::name).toList())));
        UpstreamState state = session.stats().state();
        if (state != UpstreamState.STREAMING) {
            throw new AdminException(409, "not_streaming", "connection " + session.name() + " is " + state
                    + ": only a streaming connection rotates (one that is not reconnects by itself)",
                    Map.of("state", state.name()));
        }
        session.rotate("admin API"); // logged by the session: "[conn-03a] rotating (admin API): ..."
        return new RotationReport(session.name(), true, "opening a replacement link; the current one closes once"
                + " the replacement is subscribed and delivers data");
    }

    @Override
    public CompletableFuture<ChangeReport> refreshCatalog() {
        return control().refreshCatalog();
    }

    @Override
    public LogLevelReport logLevel(String logger, String level) {
        return logLevels.set(logger, level);
    }

    private ProductControl control() {
        if (products == null) {
            throw new AdminException(409, "no_upstream", "this is a fanout node: it follows what the ingest nodes "
                    + "publish; change products on them", Map.of());
        }
        return products;
    }

    /** As a client names them: any case, a bare base currency in the quote currency of the settings. */
    private List<String> ids(List<String> names) {
        return names.stream().map(name -> ProductNames.productId(name, quoteCurrency)).distinct().toList();
    }
}
