package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.coinbase.request.RequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens shaped like Coinbase CDP WebSocket JWTs (protocol reference A.7), signed here with throwaway P-256 keys. */
class Es256JwtVerifierTest {
    private static final long NOW = 1_790_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private final KeyPair client = p256();
    private final KeyPair stranger = p256();

    @Test
    void acceptsAFreshTokenSignedByAConfiguredKeyReadFromPem(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("clients.pem");
        Files.writeString(pem, pem(stranger) + "\n" + pem(client));
        Es256JwtVerifier verifier = new Es256JwtVerifier(Es256JwtVerifier.publicKeys(Files.readString(pem), "test"),
                CLOCK);

        assertDoesNotThrow(() -> verifier.verify(token(client, "ES256", NOW, NOW + 120)));
        assertDoesNotThrow(() -> verifier.verify(token(client, "ES256", NOW - 110, NOW + 10)));
    }

    @Test
    void refusesWrongKeysExpiredOrFutureTokensOtherAlgorithmsAndGarbage() throws Exception {
        Es256JwtVerifier verifier = new Es256JwtVerifier(List.of(client.getPublic()), CLOCK);

        assertEquals("jwt: signature does not verify with any configured key", message(verifier,
                token(stranger, "ES256", NOW, NOW + 120)));
        assertEquals("jwt: expired at " + (NOW - 60) + " (now " + NOW + ")", message(verifier,
                token(client, "ES256", NOW - 180, NOW - 60)));
        assertEquals("jwt: not valid before " + (NOW + 60) + " (now " + NOW + ")", message(verifier,
                token(client, "ES256", NOW + 60, NOW + 180)));
        assertEquals("jwt: alg \"none\" (expected: ES256)", message(verifier, token(client, "none", NOW, NOW + 120)));
        assertEquals("jwt: expected three dot-separated parts, got 1", message(verifier, "XYZ"));
    }

    @Test
    void aKeyFileWithoutPublicKeysIsRefusedWithOneLine() {
        assertEquals("clients.pem: no \"-----BEGIN PUBLIC KEY-----\" block (expected at least one EC P-256 public key "
                + "in PEM)", assertThrows(IllegalArgumentException.class,
                        () -> Es256JwtVerifier.publicKeys("-----BEGIN EC PRIVATE KEY-----", "clients.pem"))
                        .getMessage());
    }

    private static String message(JwtVerifier verifier, String token) {
        return assertThrows(RequestException.class, () -> verifier.verify(token)).getMessage();
    }

    /** Header and claims as Coinbase's SDK builds them; signature R||S as JWS wants it. */
    private static String token(KeyPair key, String alg, long nbf, long exp) throws GeneralSecurityException {
        String header = b64("{\"alg\":\"" + alg + "\",\"kid\":\"organizations/o/apiKeys/k\",\"nonce\":\"6f1c\","
                + "\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"organizations/o/apiKeys/k\",\"iss\":\"cdp\",\"nbf\":" + nbf + ",\"exp\":"
                + exp + "}");
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
