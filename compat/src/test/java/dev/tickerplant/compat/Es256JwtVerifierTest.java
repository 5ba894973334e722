package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.request.RequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

        assertEquals("jwt: Signed JWT rejected: Invalid signature", message(verifier,
                token(stranger, "ES256", NOW, NOW + 120)));
        assertEquals("jwt: Expired JWT (nbf " + (NOW - 180) + ", exp " + (NOW - 60) + ", now " + NOW + ")",
                message(verifier, token(client, "ES256", NOW - 180, NOW - 60)));
        assertEquals("jwt: JWT before use time (nbf " + (NOW + 60) + ", exp " + (NOW + 180) + ", now " + NOW + ")",
                message(verifier, token(client, "ES256", NOW + 60, NOW + 180)));
        assertEquals("jwt: alg \"none\" (expected: ES256)", message(verifier, token(client, "none", NOW, NOW + 120)));
        assertEquals("jwt: alg \"ES384\" (expected: ES256)", message(verifier,
                token(client, "ES384", NOW, NOW + 120)));
        assertEquals("jwt: Invalid serialized unsecured/JWS/JWE object: Missing part delimiters",
                message(verifier, "XYZ"));
        for (String garbage : List.of("..", "a.b.c", b64("{}") + ".e30.", b64("[1]") + ".e30.x", "a.b.c.d",
                b64(header("ES256")) + ".bm90IGpzb24." + "AAAA")) {
            assertTrue(message(verifier, garbage).startsWith("jwt: "), garbage);
        }
    }

    @Test
    void theLeewayForgivesUnderFiveSecondsOfClockSkewAndNoMore() throws Exception {
        Es256JwtVerifier verifier = new Es256JwtVerifier(List.of(client.getPublic()), CLOCK);

        assertDoesNotThrow(() -> verifier.verify(token(client, "ES256", NOW + 4, NOW + 124)));
        assertDoesNotThrow(() -> verifier.verify(token(client, "ES256", NOW - 124, NOW - 4)));
        assertTrue(message(verifier, token(client, "ES256", NOW + 6, NOW + 126)).startsWith("jwt: JWT before use"));
        assertTrue(message(verifier, token(client, "ES256", NOW - 126, NOW - 6)).startsWith("jwt: Expired JWT"));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic confusion attack: HMAC "signed" with the verifier's public key bytes as the secret.
        Es256JwtVerifier verifier = new Es256JwtVerifier(List.of(client.getPublic()), CLOCK);
        String signingInput = b64(header("HS256")) + "." + b64(claims(NOW, NOW + 120));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(client.getPublic().getEncoded(), "HmacSHA256"));
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

        assertEquals("jwt: alg \"HS256\" (expected: ES256)", message(verifier, token));
    }

    @Test
    void aTamperedClaimOrSignatureIsRefused() throws Exception {
        Es256JwtVerifier verifier = new Es256JwtVerifier(List.of(client.getPublic()), CLOCK);
        String[] parts = token(client, "ES256", NOW, NOW + 120).split("\\.");
        String longer = b64(claims(NOW, NOW + 3_600));
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 1;

        assertEquals("jwt: Signed JWT rejected: Invalid signature", message(verifier,
                parts[0] + "." + longer + "." + parts[2]));
        assertEquals("jwt: Signed JWT rejected: Invalid signature", message(verifier, parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature)));
        assertEquals("jwt: Signed JWT rejected: Invalid signature", message(verifier, parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64])), "r = s = 0 (CVE-2022-21449)");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        Es256JwtVerifier verifier = new Es256JwtVerifier(List.of(client.getPublic()), CLOCK);
        String noExp = sign(client, b64(header("ES256")) + "." + b64("{\"sub\":\"k\",\"iss\":\"cdp\",\"nbf\":" + NOW
                + "}"));

        assertEquals("jwt: JWT missing required claims: [exp] (nbf " + NOW + ", exp absent, now " + NOW + ")",
                message(verifier, noExp));
    }

    @Test
    void onlyP256KeysAreAccepted() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        PublicKey other = p384.generateKeyPair().getPublic();

        assertEquals("keys: EC key (expected: EC P-256)", assertThrows(IllegalArgumentException.class,
                () -> new Es256JwtVerifier(List.of(client.getPublic(), other), CLOCK)).getMessage());
    }

    private static String message(JwtVerifier verifier, String token) {
        return assertThrows(RequestException.class, () -> verifier.verify(token)).getMessage();
    }

    /** Header and claims as Coinbase's SDK builds them; signature R||S as JWS wants it. */
    private static String token(KeyPair key, String alg, long nbf, long exp) throws GeneralSecurityException {
        return sign(key, b64(header(alg)) + "." + b64(claims(nbf, exp)));
    }

    private static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"kid\":\"organizations/o/apiKeys/k\",\"nonce\":\"6f1c\",\"typ\":\"JWT\"}";
    }

    private static String claims(long nbf, long exp) {
        return "{\"sub\":\"organizations/o/apiKeys/k\",\"iss\":\"cdp\",\"nbf\":" + nbf + ",\"exp\":" + exp + "}";
    }

    private static String sign(KeyPair key, String signingInput) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
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
