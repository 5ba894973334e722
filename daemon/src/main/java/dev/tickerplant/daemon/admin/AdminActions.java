package dev.tickerplant.daemon.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin API may do to a running daemon. Called on a Netty event loop, so every method returns at once: work
 * that takes time (fetching the catalog) is behind the returned future, and changes to the upstream connections are
 * started, not waited for (they are make-before-break and take seconds).
 *
 * <p>Product ids are taken as a client names them (any case; a bare base currency means the quote currency of the
 * {@code products} setting). A refused request throws {@link AdminException} and changes nothing.
 */
public interface AdminActions {

    /** {@code GET /admin/products}: what is followed now, on which connection. */
    ProductsReport products();

    /** {@code POST /admin/products}: follow {@code add} too and stop following {@code remove}. */
    ChangeReport changeProducts(List<String> add, List<String> remove);

    /** {@code POST /admin/priority}: move products onto (add) or off (remove) the priority connections. */
    ChangeReport changePriority(List<String> add, List<String> remove);

    /** {@code POST /admin/connections/{name}/rotate}: opens a replacement before it closes the current link. */
    RotationReport rotate(String connection);

    /** {@code POST /admin/catalog/refresh}: fetches the catalog again now and applies it, as the timer does. */
    CompletableFuture<ChangeReport> refreshCatalog();

    /** {@code POST /admin/log-level}: sets one logger's level ({@code ROOT} for the root logger). */
    LogLevelReport logLevel(String logger, String level);
}
