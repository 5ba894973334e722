package dev.tickerplant.ingest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.ingest.catalog.LocalHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CatalogHttpTest {
    /** A loopback test server answers at once; the timeout only has to outlast a busy machine. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void plainHttpOffersNoUpgradeSoAStrictServerAnswers() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start().refuseUpgrades()) {
            server.route("/products", uri -> Reply.ok("[]"));
            URI url = URI.create(server.baseUrl() + "/products");

            byte[] body = new CatalogHttp(ANSWER_TIMEOUT).get(url);

            assertEquals("[]", new String(body, StandardCharsets.UTF_8));
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void plainHttpSpeaksHttp11AndTlsMayNegotiateHttp2() {
        assertEquals(HttpClient.Version.HTTP_1_1, CatalogHttp.versionFor(URI.create("http://127.0.0.1:1/products")));
        assertEquals(HttpClient.Version.HTTP_2, CatalogHttp.versionFor(URI.create("https://api.coinbase.com/x")));
    }
}
