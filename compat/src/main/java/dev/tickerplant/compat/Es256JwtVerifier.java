package dev.tickerplant.compat;

import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.coinbase.request.RequestTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies Coinbase CDP-style WebSocket JWTs (protocol reference A.7): {@code alg} ES256, signed by one of the
 * configured P-256 public keys, with {@code nbf} not in the future and {@code exp} not in the past (both within
 * {@link #LEEWAY}, for clock skew). Claims other than the times are not checked: the key is the credential.
 *
 * <pre>
 * JwtVerifier verifier = Es256JwtVerifier.fromPemFile(Path.of("/etc/tickerplant/clients.pem"));
 * </pre>
 */
public final class Es256JwtVerifier implements JwtVerifier {
    /** Allowed clock skew between the client that minted a token and this server. */
    public static final Duration LEEWAY = Duration.ofSeconds(5);
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final int SIGNATURE_BYTES = 64;

    private final List<PublicKey> keys;
    private final Clock clock;

    public Es256JwtVerifier(List<PublicKey> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: [] (expected: at least one EC P-256 public key)");
        }
        for (PublicKey key : keys) {
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("keys: " + key.getAlgorithm() + " key (expected: EC P-256)");
            }
        }
        this.keys = List.copyOf(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** The public keys of every PEM block in {@code text}; {@code source} names it in errors. */
    public static List<PublicKey> publicKeys(String text, String source) {
        List<PublicKey> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            try {
                keys.add(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(source + ": PEM block " + (keys.size() + 1)
                        + " is not an EC public key: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no \"-----BEGIN PUBLIC KEY-----\" block (expected at least "
                    + "one EC P-256 public key in PEM)");
        }
        return keys;
    }

    @Override
    public void verify(String token) throws RequestException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new RequestException("jwt: expected three dot-separated parts, got " + parts.length);
        }
        Map<String, Object> header = json(parts[0], "header");
        if (!"ES256".equals(header.get("alg"))) {
            throw new RequestException("jwt: alg " + RequestTree.describe(header.get("alg")) + " (expected: ES256)");
        }
        byte[] signature = base64Url(parts[2], "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw new RequestException("jwt: signature of " + signature.length + " bytes (expected: "
                    + SIGNATURE_BYTES + ", R and S of ES256)");
        }
        if (!signedByAnyKey(parts[0] + "." + parts[1], signature)) {
            throw new RequestException("jwt: signature does not verify with any configured key");
        }
        Map<String, Object> claims = json(parts[1], "claims");
        long now = clock.instant().getEpochSecond();
        long leeway = LEEWAY.toSeconds();
        long exp = seconds(claims, "exp");
        if (exp + leeway < now) {
            throw new RequestException("jwt: expired at " + exp + " (now " + now + ")");
        }
        if (claims.containsKey("nbf") && seconds(claims, "nbf") - leeway > now) {
            throw new RequestException("jwt: not valid before " + seconds(claims, "nbf") + " (now " + now + ")");
        }
    }

    private boolean signedByAnyKey(String signedPart, byte[] signature) {
        byte[] data = signedPart.getBytes(StandardCharsets.US_ASCII);
        for (PublicKey key : keys) {
            try {
                // JWS carries R||S (IEEE P1363), not DER: the JDK verifies that form directly under this name.
                Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                verifier.initVerify(key);
                verifier.update(data);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // not this key
            }
        }
        return false;
    }

    private static Map<String, Object> json(String part, String name) throws RequestException {
        byte[] bytes = base64Url(part, name);
        try {
            return RequestTree.object(bytes, 0, bytes.length);
        } catch (RequestException e) {
            throw new RequestException("jwt: " + name + " is not a JSON object: " + e.getMessage());
        }
    }

    private static byte[] base64Url(String part, String name) throws RequestException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new RequestException("jwt: " + name + " is not base64url: " + e.getMessage());
        }
    }

    private static long seconds(Map<String, Object> claims, String name) throws RequestException {
        if (!(claims.get(name) instanceof Number n)) {
            throw new RequestException("jwt: claim " + name + " " + RequestTree.describe(claims.get(name))
                    + " (expected: a NumericDate, seconds since the epoch)");
        }
        return n.longValue();
    }
}
