package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsTest {

    @Test
    void servesWssAndHttpsThatAClientTrustingTheBundledCertificateAccepts() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTls(true).withTickRate(200)
                .withControlPort(SimulatorOptions.DISABLED))) {
            assertEquals("wss", sim.advancedTradeUri().getScheme());
            assertEquals("https", sim.restBaseUri().getScheme());
            SSLContext trustingTls = SimulatorCertificate.trustingSslContext();
            HttpClient trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trustingTls).connectTimeout(Http.WAIT).build();

            HttpResponse<String> products = trusting.send(HttpRequest.newBuilder(
                    URI.create(sim.restBaseUri() + "/api/v3/brokerage/market/products?limit=5")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, products.statusCode());
            assertEquals(5L, Json.object(products.body()).get("num_products"));

            try (WebSocketClient client = WebSocketClient.to(sim.exchangeUri()).tls(trustingTls).connect()) {
                client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
                assertEquals("subscriptions", client.nextJson().get("type"));
                assertEquals("BTC-USD", client.nextJson().get("product_id"));
            }
            try (WebSocketClient client = WebSocketClient.to(sim.advancedTradeUri()).tls(trustingTls).connect()) {
                client.send("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"ticker\"}");
                Map<String, Object> snapshot = client.nextJson();
                assertEquals("ETH-USD", at(snapshot, "events", 0, "tickers", 0, "product_id"));
            }

            Exception refused = assertThrows(Exception.class, () -> Http.get(sim.restBaseUri().resolve("/products")));
            assertInstanceOf(SSLHandshakeException.class, refused.getCause(),
                    "a default client does not trust the test certificate");
        }
    }

    @Test
    void bundledCertificateCoversLocalhostAndLoopbackForDecades() throws Exception {
        X509Certificate certificate = SimulatorCertificate.certificate();
        assertTrue(certificate.getSubjectX500Principal().getName().contains("TEST ONLY"));
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(san -> san.get(1).equals("localhost")));
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(san -> san.get(1).equals("127.0.0.1")));
        assertTrue(certificate.getNotAfter().toInstant().isAfter(java.time.Instant.parse("2100-01-01T00:00:00Z")));
        assertTrue(SimulatorCertificate.pem().startsWith("-----BEGIN CERTIFICATE-----"));
    }
}
