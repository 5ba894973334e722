package dev.tickerplant.ingest.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads an EC P-256 private key from a PEM file, with the JDK alone.
 *
 * <p>Accepts {@code -----BEGIN EC PRIVATE KEY-----} (SEC1, what Coinbase CDP hands out) and
 * {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). The JDK only parses PKCS#8, so a SEC1 key is taken apart here
 * (a few DER elements) and rebuilt from its private scalar on the P-256 curve.
 *
 * <p>Error messages name the file and the problem but never quote the file's content: it is a secret.
 */
final class PemKeyReader {

    private static final String SEC1_BEGIN = "-----BEGIN EC PRIVATE KEY-----";
    private static final String SEC1_END = "-----END EC PRIVATE KEY-----";
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final String ENCRYPTED_PKCS8_BEGIN = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    private static final String EXPECTED = "expected: an unencrypted EC P-256 private key in PEM, "
            + SEC1_BEGIN + " or " + PKCS8_BEGIN;

    /** DER encoding of OID 1.2.840.10045.3.1.7 (prime256v1 / secp256r1), without tag and length. */
    private static final byte[] P256_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final int P256_SCALAR_BYTES = 32;
    private static final ECParameterSpec P256 = p256();

    private PemKeyReader() {
    }

    /** Reads the file's EC P-256 private key; throws {@link IllegalArgumentException} naming the file otherwise. */
    static ECPrivateKey readP256(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(problem(file, "cannot be read (" + e.getClass().getSimpleName()
                    + ")", "expected: a readable file"), e);
        }
        // A key copied out of Coinbase's JSON key file keeps its escaped newlines.
        text = text.replace("\\n", "\n");

        if (text.contains(ENCRYPTED_PKCS8_BEGIN) || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException(problem(file, "holds an encrypted private key", EXPECTED));
        }
        if (text.contains(SEC1_BEGIN)) {
            return fromSec1(file, decodeBlock(file, text, SEC1_BEGIN, SEC1_END));
        }
        if (text.contains(PKCS8_BEGIN)) {
            return fromPkcs8(file, decodeBlock(file, text, PKCS8_BEGIN, PKCS8_END));
        }
        throw new IllegalArgumentException(problem(file, "has no private key block", EXPECTED));
    }

    private static byte[] decodeBlock(Path file, String text, String begin, String end) {
        int start = text.indexOf(begin) + begin.length();
        int stop = text.indexOf(end, start);
        if (stop < 0) {
            throw new IllegalArgumentException(problem(file, "has " + begin + " but no " + end, EXPECTED));
        }
        String body = text.substring(start, stop).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            // The decoder's own message would quote the offending character, i.e. part of the key.
            throw new IllegalArgumentException(problem(file, "has a " + begin + " block that is not valid base64",
                    EXPECTED));
        }
        if (der.length == 0) {
            throw new IllegalArgumentException(problem(file, "has an empty " + begin + " block", EXPECTED));
        }
        return der;
    }

    /** SEC1 (RFC 5915): SEQUENCE { INTEGER 1, OCTET STRING d, [0] OID curve OPTIONAL, [1] BIT STRING OPTIONAL }. */
    private static ECPrivateKey fromSec1(Path file, byte[] der) {
        byte[] scalar;
        try {
            Der outer = new Der(der);
            Der key = outer.enter(0x30);
            if (outer.hasMore()) {
                throw new Der.Malformed("trailing bytes after the key");
            }
            byte[] version = key.read(0x02);
            if (version.length != 1 || version[0] != 1) {
                throw new Der.Malformed("version is not 1");
            }
            scalar = key.read(0x04);
            while (key.hasMore()) {
                int tag = key.peekTag();
                if (tag == 0xA0) {
                    byte[] curve = key.enter(0xA0).read(0x06);
                    if (!Arrays.equals(curve, P256_OID)) {
                        throw new IllegalArgumentException(problem(file, "holds a key on a curve other than P-256",
                                EXPECTED));
                    }
                } else if (tag == 0xA1) {
                    key.read(0xA1); // the public key; the private scalar alone defines the key
                } else {
                    throw new Der.Malformed("unexpected element");
                }
            }
        } catch (Der.Malformed e) {
            throw new IllegalArgumentException(problem(file, "has an " + SEC1_BEGIN
                    + " block that is not a SEC1 EC private key (" + e.getMessage() + ")", EXPECTED));
        }
        if (scalar.length == 0 || scalar.length > P256_SCALAR_BYTES) {
            throw new IllegalArgumentException(problem(file, "holds a " + scalar.length
                    + "-byte private key", "expected: " + P256_SCALAR_BYTES + " bytes for P-256"));
        }
        BigInteger d = new BigInteger(1, scalar);
        if (d.signum() == 0 || d.compareTo(P256.getOrder()) >= 0) {
            throw new IllegalArgumentException(problem(file, "holds a private key outside the P-256 range",
                    EXPECTED));
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(problem(file, "holds a key the JDK rejects ("
                    + e.getClass().getSimpleName() + ")", EXPECTED));
        }
    }

    private static ECPrivateKey fromPkcs8(Path file, byte[] der) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            // No cause attached: parser messages may echo bytes of the key.
            throw new IllegalArgumentException(problem(file, "has a " + PKCS8_BEGIN
                    + " block that is not a PKCS#8 EC key (Ed25519 and RSA keys are not supported)", EXPECTED));
        }
        ECPrivateKey ecKey = (ECPrivateKey) key;
        if (!isP256(ecKey.getParams())) {
            throw new IllegalArgumentException(problem(file, "holds a key on a curve other than P-256", EXPECTED));
        }
        return ecKey;
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    private static String problem(Path file, String what, String expected) {
        return "JWT key file " + file + ": " + what + " (" + expected + ")";
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK does not support the EC curve secp256r1", e);
        }
    }

    /** Just enough of a DER reader for SEC1: definite lengths, single-byte tags. */
    private static final class Der {

        static final class Malformed extends Exception {
            private static final long serialVersionUID = 1L;

            Malformed(String message) {
                super(message, null, false, false);
            }
        }

        private final byte[] bytes;
        private final int end;
        private int pos;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws Malformed {
            if (pos >= end) {
                throw new Malformed("truncated");
            }
            return bytes[pos] & 0xFF;
        }

        /** Reads a constructed element and returns a reader over its contents. */
        Der enter(int tag) throws Malformed {
            int length = header(tag);
            Der inner = new Der(bytes, pos, pos + length);
            pos += length;
            return inner;
        }

        /** Reads a primitive element and returns its contents. */
        byte[] read(int tag) throws Malformed {
            int length = header(tag);
            byte[] contents = Arrays.copyOfRange(bytes, pos, pos + length);
            pos += length;
            return contents;
        }

        private int header(int tag) throws Malformed {
            if (peekTag() != tag) {
                throw new Malformed(String.format("expected tag 0x%02X, found 0x%02X", tag, peekTag()));
            }
            pos++;
            if (pos >= end) {
                throw new Malformed("truncated");
            }
            int first = bytes[pos++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 3 || pos + count > end) {
                    throw new Malformed("bad length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xFF);
                }
            }
            if (length > end - pos) {
                throw new Malformed("truncated");
            }
            return length;
        }
    }
}
