package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.auth.JwtSigner;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same sessions on the other paths: Exchange protocol, credentials, TLS. */
@EndToEnd
class UpstreamVariantsTest {
    private static final List<String> THREE = List.of("BTC-USD", "ETH-USD", "SOL-USD");

    @TempDir
    Path dir;

    @Test
    void exchangeProtocolStreamsTickersWithTheirSequenceNumbers() {
        try (UpstreamHarness h = new UpstreamHarness(SimulatorOptions.defaults().withTickRate(200),
                Selection.explicit(THREE), 2, Duration.ofSeconds(5), CoinbaseProtocol.EXCHANGE, Optional.empty(),
                () -> null)) {
            h.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                    h.market.product("BTC-USD").updates() > 3, () -> "BTC-USD ticks accepted"));

            TickerSnapshot latest = new TickerSnapshot();
            assertTrue(h.market.product("BTC-USD").readLatest(latest));
            assertTrue(latest.ticker.exchangeSequence > 0);
            assertTrue(latest.ticker.field(TickField.LAST_SIZE).isPresent());
            assertEquals(2, h.conductor.sessions().size());
        }
    }

    @Test
    void withCredentialsEverySubscribeMessageCarriesItsOwnValidJwt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        JwtSigner signer = JwtSigner.fromPemFile("organizations/org/apiKeys/key", pem);
        Set<String> tokensSeen = ConcurrentHashMap.newKeySet();
        AtomicInteger valid = new AtomicInteger();
        SimulatorOptions options = SimulatorOptions.defaults().withJwtVerifier(token -> {
            tokensSeen.add(token);
            boolean ok = verifies(token, (ECPublicKey) keys.getPublic());
            if (ok) {
                valid.incrementAndGet();
            }
            return ok;
        });

        try (UpstreamHarness h = new UpstreamHarness(options, Selection.explicit(THREE), 2, Duration.ofSeconds(5),
                CoinbaseProtocol.ADVANCED_TRADE, Optional.empty(), signer::mint)) {
            h.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));

            // Two sessions × (ticker + heartbeats): four messages, four distinct tokens, all verified. A session
            // streams once its ticker subscribe is acked; its heartbeats subscribe may follow a little later.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                    valid.get() >= 4, () -> valid.get() + " valid of " + tokensSeen.size() + " tokens"));
            assertEquals(4, valid.get());
            assertEquals(4, tokensSeen.size());
        }
    }

    @Test
    void secureUpstreamVerifiesTheCertificateAndWorksWhenItIsTrusted() throws Exception {
        SimulatorOptions tls = SimulatorOptions.defaults().withTls(true);
        Path cert = dir.resolve("sim-cert.pem");
        try (UpstreamHarness untrusted = new UpstreamHarness(tls, Selection.explicit(THREE), 3,
                Duration.ofSeconds(5), CoinbaseProtocol.ADVANCED_TRADE, Optional.empty(), () -> null)) {
            Files.writeString(cert, untrusted.sim.certificatePem());
            untrusted.start();
            UpstreamStats stats = untrusted.conductor.sessions().get(0).stats();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                    stats.reconnects.sum() >= 1, () -> "a refused handshake"));
            assertNotEquals(UpstreamState.STREAMING, stats.state());
            assertTrue(stats.lastCloseReason().toLowerCase().contains("certificat")
                            || stats.lastCloseReason().toLowerCase().contains("path"),
                    stats.lastCloseReason());
        }
        try (UpstreamHarness trusted = new UpstreamHarness(tls, Selection.explicit(THREE), 3,
                Duration.ofSeconds(5), CoinbaseProtocol.ADVANCED_TRADE, Optional.of(cert), () -> null)) {
            trusted.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                    trusted.allStreaming(), trusted::describe));
        }
    }

    private static boolean verifies(String token, ECPublicKey key) {
        try {
            String[] parts = token.split("\\.");
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }
}
