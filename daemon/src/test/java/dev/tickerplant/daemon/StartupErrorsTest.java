package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way start-up can fail ends with exactly one line on stderr that names the problem, and exit status 2. */
class StartupErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aBadSettingStopsStartUpWithOneLineNamingSettingValueAndExpectation() {
        Result r = run("--products-per-connection", "abc");

        assertEquals(2, r.status);
        assertEquals("Invalid setting products-per-connection = \"abc\" (from command line --products-per-connection):"
                + " expected an integer from 1 to 100", r.singleErrLine());
    }

    @Test
    void anUnknownProductStopsStartUpWithTheClosestValidNames() {
        Result r = run("--simulate", "--products", "BTC-USDX,ETH-USD", "--catalog-cache-file",
                dir.resolve("cache.json").toString());

        assertEquals(2, r.status);
        String line = r.singleErrLine();
        assertTrue(line.startsWith("Unknown product \"BTC-USDX\" in setting products: closest valid names: BTC-USD"),
                line);
    }

    @Test
    void anUnreachableRestEndpointWithoutCacheStopsStartUpWithOneLine() throws IOException {
        int closedPort = closedPort();
        Result r = run("--rest-url", "http://127.0.0.1:" + closedPort, "--upstream-url", "ws://127.0.0.1:" + closedPort,
                "--catalog-cache-file", dir.resolve("missing.json").toString());

        assertEquals(2, r.status);
        String line = r.singleErrLine();
        assertTrue(line.startsWith("Catalog REST endpoint http://127.0.0.1:" + closedPort), line);
        assertTrue(line.contains("unreachable (connect refused)"), line);
        assertTrue(line.endsWith("no cached catalog exists at " + dir.resolve("missing.json")), line);
    }

    @Test
    void anUnusableApiKeyFileStopsStartUpWithOneLineNamingTheSettingButNotTheKey() throws IOException {
        Path key = Files.writeString(dir.resolve("cdp-key.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n"
                + "-----END CERTIFICATE-----\n");
        // Upstream unreachable: the key is read before any network call, so its error is the one reported.
        int closedPort = closedPort();
        Result r = run("--rest-url", "http://127.0.0.1:" + closedPort, "--upstream-url", "ws://127.0.0.1:" + closedPort,
                "--catalog-cache-file", dir.resolve("missing.json").toString(),
                "--api-key-name", "organizations/o-7f3a/apiKeys/k-91c2", "--api-private-key-file", key.toString());

        assertEquals(2, r.status);
        assertEquals("Invalid setting api-private-key-file: JWT key file " + key + ": has no private key block"
                + " (expected: an unencrypted EC P-256 private key in PEM, -----BEGIN EC PRIVATE KEY----- or"
                + " -----BEGIN PRIVATE KEY-----)", r.singleErrLine());
        assertFalse(r.err.contains("o-7f3a") || r.err.contains("k-91c2"), r.err);
    }

    @Test
    void aCompatPublicKeyFileWithoutKeysStopsStartUpWithOneLineNamingTheSetting() throws IOException {
        Path key = Files.writeString(dir.resolve("clients.pem"), "not a key\n");
        int closedPort = closedPort();
        Result r = run("--rest-url", "http://127.0.0.1:" + closedPort, "--upstream-url", "ws://127.0.0.1:" + closedPort,
                "--catalog-cache-file", dir.resolve("missing.json").toString(),
                "--compat-jwt-public-key-file", key.toString());

        assertEquals(2, r.status);
        assertEquals("Invalid setting compat-jwt-public-key-file: " + key + ": no \"-----BEGIN PUBLIC KEY-----\" block"
                + " (expected at least one EC P-256 public key in PEM)", r.singleErrLine());
    }

    @Test
    void helpListsSettingsAndExitsZero() {
        Result r = run("--help");

        assertEquals(0, r.status);
        assertTrue(r.out.contains("--products-per-connection"), r.out);
        assertTrue(r.out.contains("PRODUCTS_PER_CONNECTION"), r.out);
        assertEquals("", r.err);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
        String singleErrLine() {
            assertTrue(err.endsWith("\n"), "stderr ends with a newline: " + err);
            String body = err.substring(0, err.length() - 1);
            assertEquals(-1, body.indexOf('\n'), "exactly one line on stderr: " + err);
            return body;
        }
    }
}
