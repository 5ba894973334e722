package dev.tickerplant.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catalog refresh families on /metrics: read from the figures at each scrape, and only on a node that has them. */
class CatalogMetricsTest {
    private static final List<Metric> CATALOG_FAMILIES =
            List.of(Metric.CATALOG_REFRESHES, Metric.CATALOG_LAST_REFRESH, Metric.PRODUCTS_FOLLOWED);

    private final HealthRig rig = HealthRig.live(List.of("BTC-USD", "ETH-USD"), 15, URI.create("ws://127.0.0.1:1/"));
    private final AtomicReference<CatalogFigures> figures = new AtomicReference<>(new CatalogFigures(0, 0, 0, 2));

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void beforeTheFirstRefreshBothResultsAreZeroAndTheTimestampIsZero() {
        ScrapedMetrics page = scrape(new HealthRoutes(sources().withCatalog(figures::get)));

        assertEquals(0, page.value("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        assertEquals(0, page.value("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(0, page.value("tickerplant_catalog_last_refresh_timestamp_seconds"));
        assertEquals(2, page.value("tickerplant_products_followed"));
        for (Metric metric : CATALOG_FAMILIES) {
            String type = metric == Metric.CATALOG_REFRESHES ? "counter" : "gauge";
            assertEquals(type, page.types().get(metric.familyName()), metric.familyName());
            assertEquals(metric.help(), page.help().get(metric.familyName()), metric.familyName());
        }
    }

    @Test
    void eachScrapeReadsTheFiguresOfTheMoment() {
        HealthRoutes routes = new HealthRoutes(sources().withCatalog(figures::get));
        figures.set(new CatalogFigures(3, 2, 1_791_061_111_500L, 4));

        ScrapedMetrics page = scrape(routes);
        assertEquals(3, page.value("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        assertEquals(2, page.value("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(1_791_061_111.5, page.value("tickerplant_catalog_last_refresh_timestamp_seconds"));
        assertEquals(4, page.value("tickerplant_products_followed"));

        figures.set(new CatalogFigures(3, 5, 1_791_061_111_500L, 3));
        ScrapedMetrics later = scrape(routes);
        assertEquals(5, later.value("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(3, later.value("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        assertEquals(3, later.value("tickerplant_products_followed"));
    }

    @Test
    void aNodeWithoutCatalogFiguresHasNoCatalogFamilies() {
        ScrapedMetrics page = scrape(new HealthRoutes(sources()));

        for (Metric metric : CATALOG_FAMILIES) {
            assertNull(page.types().get(metric.familyName()), metric.familyName());
        }
        assertEquals(1, page.value("tickerplant_up"), "the rest of the page is there");
    }

    @Test
    void theBusAndTheCatalogFiguresAreKeptWhicheverIsAddedFirst() {
        BusFigures bus = new BusFigures(true, false, true, 0, 10_000, "", 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0);
        ScrapedMetrics page = scrape(new HealthRoutes(sources().withCatalog(figures::get).withBus(() -> bus)));

        assertEquals(7, page.value("tickerplant_bus_published_total"));
        assertEquals(2, page.value("tickerplant_products_followed"));
    }

    private HealthSources sources() {
        return new HealthSources(rig.market, rig.upstream, rig.ring, null, List.of(), HealthThresholds.defaults(),
                HealthRig.VERSION, System.nanoTime(), System::nanoTime, System::currentTimeMillis);
    }

    private static ScrapedMetrics scrape(HealthRoutes routes) {
        HealthRig.Answer answer = HealthRig.Answer.of(routes.handle(
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics")));
        assertEquals(200, answer.status(), answer.body());
        return ScrapedMetrics.parse(answer.body());
    }
}
