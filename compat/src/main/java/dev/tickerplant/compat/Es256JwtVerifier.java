package dev.tickerplant.compat;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.coinbase.request.RequestTree;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Verifies Coinbase CDP-style WebSocket JWTs (protocol reference A.7): {@code alg} ES256, signed by one of the
 * configured P-256 public keys, with {@code exp} not in the past and {@code nbf}, when present, not in the future
 * (both within {@link #LEEWAY}, for clock skew). Other claims and {@code typ} are not checked: the key is the
 * credential.
 *
 * <p>Nimbus JOSE+JWT's standard processor does the work: it refuses unsecured tokens, tries each configured key and
 * checks the times, against the injected clock. It is configured once here and only read afterwards, so one verifier
 * serves every event loop.
 *
 * <pre>
 * JwtVerifier verifier = Es256JwtVerifier.fromPemFile(Path.of("/etc/tickerplant/clients.pem"));
 * </pre>
 */
public final class Es256JwtVerifier implements JwtVerifier {
    /** Allowed clock skew between the client that minted a token and this server. */
    public static final Duration LEEWAY = Duration.ofSeconds(5);
    private static final String PUBLIC_KEY = "PUBLIC KEY";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    public Es256JwtVerifier(List<PublicKey> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: [] (expected: at least one EC P-256 public key)");
        }
        List<ECPublicKey> p256 = new ArrayList<>();
        for (PublicKey key : keys) {
            if (!(key instanceof ECPublicKey ec) || !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalArgumentException("keys: " + key.getAlgorithm() + " key (expected: EC P-256)");
            }
            p256.add(ec);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        List<ECPublicKey> candidates = List.copyOf(p256);
        // CDP puts the API key's name in kid, which names none of our keys: every configured key is a candidate.
        processor.setJWSKeySelector((header, context) ->
                JWSAlgorithm.ES256.equals(header.getAlgorithm()) ? candidates : List.of());
        processor.setJWSTypeVerifier((type, context) -> { });
        DefaultJWTClaimsVerifier<SecurityContext> times = new DefaultJWTClaimsVerifier<>(null, Set.of("exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        times.setMaxClockSkew(Math.toIntExact(LEEWAY.toSeconds()));
        processor.setJWTClaimsSetVerifier(times);
    }

    /**
     * Reads every {@code -----BEGIN PUBLIC KEY-----} block of a PEM file.
     *
     * @throws IllegalArgumentException when the file holds no such block or a block is not an EC P-256 key
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Es256JwtVerifier fromPemFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JWT public key file " + file + ": " + e.getMessage(), e);
        }
        return new Es256JwtVerifier(publicKeys(text, file.toString()), Clock.systemUTC());
    }

    /** The public keys of every {@code PUBLIC KEY} PEM block in {@code text}; {@code source} names it in errors. */
    public static List<PublicKey> publicKeys(String text, String source) {
        List<PublicKey> keys = new ArrayList<>();
        try (PemReader pem = new PemReader(new StringReader(text))) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                if (block.getType().equals(PUBLIC_KEY)) {
                    keys.add(publicKey(block, keys.size() + 1, source));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid PEM: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no \"-----BEGIN PUBLIC KEY-----\" block (expected at least "
                    + "one EC P-256 public key in PEM)");
        }
        return keys;
    }

    private static PublicKey publicKey(PemObject block, int number, String source) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(SubjectPublicKeyInfo.getInstance(block.getContent()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": PEM block " + number + " is not an EC public key: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void verify(String token) throws RequestException {
        SignedJWT jwt;
        try {
            Base64URL[] parts = JOSEObject.split(token);
            // Checked before the processor, whose refusal of "none" or HS256 does not name the algorithm.
            String alg = Header.parse(parts[0]).getAlgorithm().getName();
            if (!JWSAlgorithm.ES256.getName().equals(alg)) {
                throw new RequestException("jwt: alg " + RequestTree.describe(alg) + " (expected: ES256)");
            }
            jwt = new SignedJWT(parts[0], parts[1], parts[2]);
        } catch (ParseException e) {
            throw new RequestException("jwt: " + e.getMessage());
        }
        try {
            processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw new RequestException("jwt: " + e.getMessage() + times(jwt));
        } catch (BadJOSEException | JOSEException e) {
            throw new RequestException("jwt: " + e.getMessage());
        }
    }

    /** The token's times beside ours, so that a clock-skew refusal can be told from a stale token. */
    private String times(JWT jwt) {
        long now = clock.instant().getEpochSecond();
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return " (nbf " + seconds(claims.getNotBeforeTime()) + ", exp " + seconds(claims.getExpirationTime())
                    + ", now " + now + ")";
        } catch (ParseException e) {
            return " (now " + now + ")";
        }
    }

    private static String seconds(Date time) {
        return time == null ? "absent" : Long.toString(time.getTime() / 1000);
    }
}
