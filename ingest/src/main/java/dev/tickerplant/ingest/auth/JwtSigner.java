package dev.tickerplant.ingest.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mints the ES256 JWTs that authenticate Coinbase Advanced Trade WebSocket subscribe messages with a CDP API key.
 *
 * <p>Header {@code {"alg":"ES256","kid":<key name>,"nonce":<16 random bytes, hex>,"typ":"JWT"}}, claims
 * {@code {"sub":<key name>,"iss":"cdp","nbf":now,"exp":now+120}}. WebSocket tokens carry no {@code uri} claim
 * (REST tokens do). A token lives two minutes and is checked when a subscribe is processed, so mint a fresh one for
 * every subscribe/unsubscribe message.
 *
 * <p>JWS wants the signature as the 64-byte R‖S pair (RFC 7518 §3.4), not the DER the JDK's plain
 * {@code SHA256withECDSA} emits; {@code SHA256withECDSAinP1363Format} produces R‖S directly.
 *
 * <p>Thread-safe if the nonce {@link RandomGenerator} is (the default {@link SecureRandom} is).
 */
public final class JwtSigner {

    /** Token lifetime; Coinbase rejects longer ones. */
    static final long VALIDITY_SECONDS = 120;
    static final int NONCE_BYTES = 16;

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String keyName;
    private final ECPrivateKey key;
    private final Clock clock;
    private final RandomGenerator nonceRandom;

    JwtSigner(String keyName, ECPrivateKey key, Clock clock, RandomGenerator nonceRandom) {
        Objects.requireNonNull(keyName, "keyName");
        if (keyName.isBlank()) {
            // The name itself is never echoed: it identifies the credential.
            throw new IllegalArgumentException(
                    "keyName: blank (expected: the CDP API key name, organizations/{org_id}/apiKeys/{key_id})");
        }
        this.keyName = keyName;
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonceRandom = Objects.requireNonNull(nonceRandom, "nonceRandom");
    }

    /** A signer for the key in {@code pemFile}, with the system clock and a {@link SecureRandom} nonce. */
    public static JwtSigner fromPemFile(String keyName, Path pemFile) {
        return fromPemFile(keyName, pemFile, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * A signer for the EC P-256 private key in {@code pemFile} (SEC1 {@code EC PRIVATE KEY} or PKCS#8
     * {@code PRIVATE KEY}).
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no usable key; the message names the file
     *                                  and the problem, never the key or its name
     */
    public static JwtSigner fromPemFile(String keyName, Path pemFile, Clock clock, RandomGenerator nonceRandom) {
        Objects.requireNonNull(pemFile, "pemFile");
        return new JwtSigner(keyName, PemKeyReader.readP256(pemFile), clock, nonceRandom);
    }

    /** A fresh token, valid from now for {@value #VALIDITY_SECONDS} seconds. */
    public String mint() {
        byte[] nonce = new byte[NONCE_BYTES];
        nonceRandom.nextBytes(nonce);
        long now = clock.instant().getEpochSecond();

        String signingInput = BASE64URL.encodeToString(header(HexFormat.of().formatHex(nonce)))
                + '.' + BASE64URL.encodeToString(claims(now));
        return signingInput + '.' + BASE64URL.encodeToString(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] header(String nonceHex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("alg", "ES256");
            json.writeStringField("kid", keyName);
            json.writeStringField("nonce", nonceHex);
            json.writeStringField("typ", "JWT");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JWT header", e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private byte[] claims(long nowEpochSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("sub", keyName);
            json.writeStringField("iss", "cdp");
            json.writeNumberField("nbf", nowEpochSeconds);
            json.writeNumberField("exp", nowEpochSeconds + VALIDITY_SECONDS);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JWT claims", e);
        }
        return out.toByteArray();
    }

    private byte[] sign(byte[] signingInput) {
        try {
            // A Signature is stateful; one per token keeps mint() thread-safe, and tokens are minted rarely.
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign JWT with " + SIGNATURE_ALGORITHM + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "JwtSigner[ES256]"; // no key name: it identifies the credential
    }
}
