package dev.tickerplant.ingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSignerTest {

    private static final String KEY_NAME = "organizations/0d9f4c1e-org/apiKeys/7b3e8a52-key";
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final byte[] P256_OID = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final byte[] P384_OID = {0x06, 0x05, 0x2B, (byte) 0x81, 0x04, 0x00, 0x22};

    private static KeyPair keyPair;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));

    @BeforeAll
    static void generateKeyPair() throws GeneralSecurityException {
        keyPair = generate("secp256r1");
    }

    @Test
    void signsWithAnOpenSslStyleSec1Key() throws Exception {
        Path pem = write("sec1.pem", pem("EC PRIVATE KEY", sec1(keyPair, P256_OID, true)));
        assertValidToken(signer(pem).mint());
    }

    @Test
    void signsWithAMinimalSec1KeyWithoutCurveOrPublicKey() throws Exception {
        Path pem = write("sec1-minimal.pem", pem("EC PRIVATE KEY", sec1(keyPair, null, false)));
        assertValidToken(signer(pem).mint());
    }

    @Test
    void signsWithAPkcs8Key() throws Exception {
        Path pem = write("pkcs8.pem", pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
        assertValidToken(signer(pem).mint());
    }

    @Test
    void readsAKeyCopiedFromTheJsonKeyFileWithEscapedNewlines() throws Exception {
        String escaped = pem("EC PRIVATE KEY", sec1(keyPair, P256_OID, true)).replace("\n", "\\n");
        assertValidToken(signer(write("escaped.pem", escaped)).mint());
    }

    @Test
    void readsAKeyAfterAnEcParametersBlockWithWindowsLineEndings() throws Exception {
        String text = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + pem("EC PRIVATE KEY", sec1(keyPair, P256_OID, true));
        assertValidToken(signer(write("openssl.pem", text.replace("\n", "\r\n"))).mint());
    }

    @Test
    void headerAndClaimsAreExactlyWhatCoinbaseExpects() throws Exception {
        JwtSigner signer = JwtSigner.fromPemFile(KEY_NAME, pkcs8File(), clock, countingBytes());
        String[] parts = signer.mint().split("\\.");

        assertEquals(Map.of("alg", "ES256", "kid", KEY_NAME, "nonce", "000102030405060708090a0b0c0d0e0f", "typ", "JWT"),
                json(parts[0]));
        assertEquals(Map.of("sub", KEY_NAME, "iss", "cdp", "nbf", NOW, "exp", NOW + 120), json(parts[1]),
                "no uri claim: WebSocket tokens carry none");
    }

    @Test
    void usesBase64UrlWithoutPadding() throws Exception {
        String token = signer(pkcs8File()).mint();
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token);
    }

    @Test
    void timesFollowTheInjectedClock() throws Exception {
        JwtSigner signer = signer(pkcs8File());
        clock.set(Instant.ofEpochSecond(NOW + 3_600, 999_000_000));
        Map<String, Object> claims = json(signer.mint().split("\\.")[1]);
        assertEquals(NOW + 3_600, claims.get("nbf"), "whole seconds, truncated");
        assertEquals(NOW + 3_720, claims.get("exp"));
    }

    @Test
    void everyTokenHasAFreshNonce() throws Exception {
        JwtSigner signer = JwtSigner.fromPemFile(KEY_NAME, pkcs8File(), clock, new SecureRandom());
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String header = decode(signer.mint().split("\\.")[0]);
            String nonce = header.replaceAll(".*\"nonce\":\"([0-9a-f]{32})\".*", "$1");
            assertEquals(32, nonce.length(), header);
            nonces.add(nonce);
        }
        assertEquals(20, nonces.size());
    }

    @Test
    void escapesTheKeyNameAsJson() throws Exception {
        JwtSigner signer = JwtSigner.fromPemFile("a\"b", pkcs8File(), clock, countingBytes());
        String[] parts = signer.mint().split("\\.");
        assertTrue(decode(parts[1]).contains("\"sub\":\"a\\\"b\""), decode(parts[1]));
        assertEquals("a\"b", json(parts[1]).get("sub"));
        assertEquals("a\"b", json(parts[0]).get("kid"));
    }

    @Test
    void brokenBase64NamesTheFileButNotTheKey() throws Exception {
        String good = pem("EC PRIVATE KEY", sec1(keyPair, P256_OID, true));
        String broken = good.replaceFirst("\n(.{10})", "\n$1*");
        Path file = write("broken.pem", broken);

        String message = failure(file);

        assertEquals("JWT key file " + file + ": is not valid PEM: a block is not valid base64"
                + " (expected: an unencrypted EC P-256 private key in PEM, -----BEGIN EC PRIVATE KEY----- or"
                + " -----BEGIN PRIVATE KEY-----)", message);
        assertLeaksNothing(message, good);
    }

    @Test
    void truncatedKeyNamesTheFileButNotTheKey() throws Exception {
        byte[] der = sec1(keyPair, P256_OID, true);
        String text = pem("EC PRIVATE KEY", Arrays.copyOf(der, 60));
        Path file = write("truncated.pem", text);

        String message = failure(file);

        assertEquals("JWT key file " + file + ": has an -----BEGIN EC PRIVATE KEY----- block that is not a SEC1 EC"
                + " private key (expected: an unencrypted EC P-256 private key in PEM, -----BEGIN EC PRIVATE KEY----- or"
                + " -----BEGIN PRIVATE KEY-----)", message);
        assertLeaksNothing(message, text);
    }

    @Test
    void brokenPkcs8NamesTheFileButNotTheKey() throws Exception {
        byte[] der = keyPair.getPrivate().getEncoded();
        der[der.length - 40] ^= 0x7F; // keeps the base64 valid, breaks the DER
        String text = pem("PRIVATE KEY", Arrays.copyOf(der, der.length - 5));
        Path file = write("broken-pkcs8.pem", text);

        String message = failure(file);

        assertTrue(message.startsWith("JWT key file " + file + ": has a -----BEGIN PRIVATE KEY----- block that is not"
                + " a PKCS#8 EC key"), message);
        assertLeaksNothing(message, text);
    }

    @Test
    void rejectsKeysOnOtherCurvesAndOtherAlgorithms() throws Exception {
        KeyPair p384 = generate("secp384r1");
        assertTrue(failure(write("p384.pem", pem("PRIVATE KEY", p384.getPrivate().getEncoded())))
                .contains(": holds a key on a curve other than P-256 ("));
        assertTrue(failure(write("p384-sec1.pem", pem("EC PRIVATE KEY", sec1(p384, P384_OID, false))))
                .contains(": holds a key on a curve other than P-256 ("));

        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertTrue(failure(write("ed25519.pem", pem("PRIVATE KEY", ed25519.getPrivate().getEncoded())))
                .contains("not a PKCS#8 EC key (Ed25519 and RSA keys are not supported)"));
    }

    @Test
    void rejectsFilesWithoutAnUnencryptedKey() throws Exception {
        assertTrue(failure(write("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .contains(": has no private key block ("));
        assertTrue(failure(write("encrypted.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00})))
                .contains(": holds an encrypted private key ("));
        assertTrue(failure(write("openssl-encrypted.pem", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n"))
                .contains(": holds an encrypted private key ("));
        assertTrue(failure(write("unterminated.pem", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n"))
                .contains(": is not valid PEM: -----END EC PRIVATE KEY----- not found ("));

        Path missing = dir.resolve("missing.pem");
        assertEquals("JWT key file " + missing + ": cannot be read (NoSuchFileException) (expected: a readable file)",
                failure(missing));
    }

    @Test
    void rejectsABlankKeyNameWithoutEchoingIt() throws Exception {
        Path pem = pkcs8File();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtSigner.fromPemFile("  ", pem, clock, new SecureRandom()));
        assertEquals("keyName: blank (expected: the CDP API key name, organizations/{org_id}/apiKeys/{key_id})",
                e.getMessage());
        assertFalse(signer(pem).toString().contains(KEY_NAME));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private JwtSigner signer(Path pem) {
        return JwtSigner.fromPemFile(KEY_NAME, pem, clock, new SecureRandom());
    }

    private Path pkcs8File() throws Exception {
        return write("key.pem", pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private String failure(Path file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtSigner.fromPemFile(KEY_NAME, file, clock, new SecureRandom()));
        assertFalse(e.getMessage().contains(KEY_NAME), e.getMessage());
        return e.getMessage();
    }

    /** Neither the message nor any cause quotes 8 consecutive characters of the PEM body. */
    private static void assertLeaksNothing(String message, String pemText) {
        String body = pemText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 8 <= body.length(); i++) {
            String chunk = body.substring(i, i + 8);
            assertFalse(message.contains(chunk), "message quotes key material: " + chunk);
        }
    }

    private static void assertValidToken(String token) throws GeneralSecurityException {
        int lastDot = token.lastIndexOf('.');
        byte[] signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        PublicKey publicKey = keyPair.getPublic();

        assertEquals(64, signature.length, "ES256 signature is R||S, 32 bytes each");
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initVerify(publicKey);
        p1363.update(signingInput);
        assertTrue(p1363.verify(signature), "signature does not verify");

        // Cross-check: the same R||S re-encoded as DER verifies with plain SHA256withECDSA.
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initVerify(publicKey);
        der.update(signingInput);
        assertTrue(der.verify(toDer(signature)), "R||S does not verify as DER");

        Signature tampered = Signature.getInstance("SHA256withECDSAinP1363Format");
        tampered.initVerify(publicKey);
        tampered.update((token.substring(0, lastDot) + "x").getBytes(StandardCharsets.US_ASCII));
        assertFalse(tampered.verify(signature), "signature verifies over different content");
    }

    private static Map<String, Object> json(String base64url) throws ParseException {
        return JSONObjectUtils.parse(decode(base64url));
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static KeyPair generate(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** SEC1 ECPrivateKey as OpenSSL writes it: version 1, the scalar, [0] curve OID, [1] public point. */
    private static byte[] sec1(KeyPair pair, byte[] curveOid, boolean withPublicKey) {
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        int size = (privateKey.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        contents.writeBytes(tlv(0x02, new byte[] {1}));
        contents.writeBytes(tlv(0x04, unsigned(privateKey.getS(), size)));
        if (curveOid != null) {
            contents.writeBytes(tlv(0xA0, curveOid));
        }
        if (withPublicKey) {
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            ByteArrayOutputStream point = new ByteArrayOutputStream();
            point.write(0x00); // unused bits of the BIT STRING
            point.write(0x04); // uncompressed point
            point.writeBytes(unsigned(publicKey.getW().getAffineX(), size));
            point.writeBytes(unsigned(publicKey.getW().getAffineY(), size));
            contents.writeBytes(tlv(0xA1, tlv(0x03, point.toByteArray())));
        }
        return tlv(0x30, contents.toByteArray());
    }

    private static byte[] toDer(byte[] rs) {
        byte[] r = tlv(0x02, new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray());
        byte[] s = tlv(0x02, new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(r);
        both.writeBytes(s);
        return tlv(0x30, both.toByteArray());
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return out;
    }

    private static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    /** Fills nonces with 00 01 02 ... so the header can be compared exactly. */
    private static RandomGenerator countingBytes() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextBytes is used for nonces");
            }

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
            }
        };
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
