package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A daemon with a Coinbase API key and a downstream token, logging at DEBUG: through start, streaming (a JWT in every
 * subscribe), a forced reconnect (fresh JWTs), refused clients and shutdown, the whole log never contains the key
 * name, any line of the private key, any JWT or the token — nor the wrong tokens clients tried.
 */
class SecretsNotLoggedTest {
    private static final String KEY_NAME =
            "organizations/7c1f4e2a-93b8-4d05-a6e1-5b2c8d9f0e13/apiKeys/d4a9b6c2-1e7f-4a38-b5c0-92f1e6d3a7b4";

    @TempDir
    Path dir;

    @Test
    void credentialsTokensAndJwtsNeverReachTheLog() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String pemBody = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded());
        Path pem = Files.writeString(dir.resolve("cdp-key.pem"), "-----BEGIN PRIVATE KEY-----\n" + pemBody
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        String token = randomToken();
        String wrongToken = randomToken();
        Set<String> jwts = ConcurrentHashMap.newKeySet();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG); // what an operator chasing a problem would run with

        List<String> log;
        try (LogCapture capture = LogCapture.ofEverything();
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50)
                     .withJwtVerifier(jwt -> jwts.add(jwt) || true))) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0", "--top-n", "20", "--products-per-connection", "10",
                    "--api-key-name", KEY_NAME, "--api-private-key-file", pem.toString()},
                    Map.of("TICKERPLANT_AUTH_TOKEN", token)));
            try {
                int port = daemon.fanout().port();
                await("streaming with JWTs").atMost(Duration.ofSeconds(30))
                        .until(() -> daemon.upstream().streamingCount() == 2 && jwts.size() >= 4);

                try (WebSocketClient client = WebSocketClient.to(port, "/ws?products=*").header("Authorization: Bearer "
                        + token).readOnDemandAnsweringPings().connect()) {
                    assertTrue(client.next().contains("\"welcome\""));
                    long tickers = 0;
                    while (tickers < 5) {
                        tickers += client.next().contains("\"type\":\"ticker\"") ? 1 : 0;
                    }
                }
                try (WebSocketClient refused = WebSocketClient.to(port, "/ws").header("Authorization: Bearer "
                        + wrongToken).readOnDemand().upgrade()) {
                    assertEquals(401, refused.status());
                    assertFalse(refused.body().contains(wrongToken));
                }
                try (WebSocketClient refused = WebSocketClient.to(port, "/ws?token=" + wrongToken)
                        .readOnDemand().upgrade()) {
                    assertEquals(401, refused.status());
                }
                HttpResponse<String> api = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/upstream")).header("Authorization", "Bearer " + wrongToken).build());
                assertEquals(401, api.statusCode());
                HttpResponse<String> health = Http.get(port, "/health");
                assertEquals(200, health.statusCode(), "health stays open");
                assertNoSecret(List.of(health.body()), token, pemBody, jwts);

                int before = jwts.size();
                sim.faults().resetAll(); // reconnects sign fresh JWTs and log the reconnects
                await("reconnected with fresh JWTs").atMost(Duration.ofSeconds(30))
                        .until(() -> jwts.size() >= before + 4 && daemon.upstream().streamingCount() == 2);
            } finally {
                daemon.close();
            }
            log = capture.lines();
        } finally {
            root.setLevel(rootLevel);
        }

        assertTrue(log.stream().anyMatch(l -> l.contains("starting: Settings[")), "the start-up line was captured");
        assertTrue(log.stream().anyMatch(l -> l.contains("api-key-name=****")), "the key name is shown masked");
        assertTrue(log.stream().anyMatch(l -> l.contains("refused GET /ws from 127.0.0.1: 401")),
                "the refusal was logged");
        assertTrue(log.stream().anyMatch(l -> l.contains("stopped in")), "shutdown was captured");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("DEBUG")), "DEBUG lines were captured too");
        assertTrue(jwts.size() >= 8, "JWTs were minted: " + jwts.size());
        assertNoSecret(log, token, pemBody, jwts);
        assertNoSecret(log, wrongToken, pemBody, Set.of());
    }

    private static void assertNoSecret(List<String> lines, String token, String pemBody, Set<String> jwts) {
        List<String> secrets = new ArrayList<>(List.of(KEY_NAME, "7c1f4e2a-93b8-4d05-a6e1-5b2c8d9f0e13",
                "d4a9b6c2-1e7f-4a38-b5c0-92f1e6d3a7b4", token, "BEGIN PRIVATE KEY"));
        secrets.addAll(pemBody.lines().toList());
        secrets.addAll(jwts);
        for (String jwt : jwts) {
            secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1)); // the signature alone
        }
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret in the log: " + line);
            }
            assertFalse(line.contains("eyJ"), "something JWT-shaped in the log: " + line);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
