package dev.tickerplant.ingest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mints the ES256 JWTs that authenticate Coinbase Advanced Trade WebSocket subscribe messages with a CDP API key.
 *
 * <p>Header {@code {"alg":"ES256","kid":<key name>,"nonce":<16 random bytes, hex>,"typ":"JWT"}}, claims
 * {@code {"sub":<key name>,"iss":"cdp","nbf":now,"exp":now+120}}. WebSocket tokens carry no {@code uri} claim
 * (REST tokens do). A token lives two minutes and is checked when a subscribe is processed, so mint a fresh one for
 * every subscribe/unsubscribe message. Member order in the JSON is the library's; JSON objects are unordered.
 *
 * <p>Nimbus JOSE+JWT builds, encodes and signs the token (ES256 as JWS wants it: R‖S, RFC 7518 §3.4).
 *
 * <p>Thread-safe if the nonce {@link RandomGenerator} is (the default {@link SecureRandom} is); nimbus's signer is.
 */
public final class JwtSigner {

    /** Token lifetime; Coinbase rejects longer ones. */
    static final long VALIDITY_SECONDS = 120;
    static final int NONCE_BYTES = 16;

    private static final String ISSUER = "cdp";

    private final String keyName;
    private final JWSSigner signer;
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
        this.signer = es256(Objects.requireNonNull(key, "key"));
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

        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(keyName)
                .customParam("nonce", HexFormat.of().formatHex(nonce))
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(keyName)
                .issuer(ISSUER)
                .notBeforeTime(new Date(now * 1000))
                .expirationTime(new Date((now + VALIDITY_SECONDS) * 1000))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign JWT with ES256 (" + e.getClass().getSimpleName() + ")");
        }
        return jwt.serialize();
    }

    private static JWSSigner es256(ECPrivateKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            // Only for a curve JWS has no algorithm for; PemKeyReader admits P-256 keys alone.
            throw new IllegalArgumentException("key: an EC key on a curve JWS cannot sign with (expected: P-256)");
        }
    }

    @Override
    public String toString() {
        return "JwtSigner[ES256]"; // no key name: it identifies the credential
    }
}
