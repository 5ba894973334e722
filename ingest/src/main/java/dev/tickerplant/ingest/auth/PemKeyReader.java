package dev.tickerplant.ingest.auth;

import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the EC P-256 private key of a PEM file: SEC1 {@code -----BEGIN EC PRIVATE KEY-----} (what Coinbase CDP hands
 * out) or PKCS#8 {@code -----BEGIN PRIVATE KEY-----}. BouncyCastle reads the PEM armour and the ASN.1 structures;
 * the JDK builds the key. Other blocks in the file (OpenSSL's {@code EC PARAMETERS}, certificates) are skipped.
 *
 * <p>Error messages name the file and the problem but never quote the file's content, nor a parser message that
 * might: the file is a secret.
 */
final class PemKeyReader {

    private static final String SEC1 = "EC PRIVATE KEY";
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
    private static final String EXPECTED = "expected: an unencrypted EC P-256 private key in PEM, "
            + begin(SEC1) + " or " + begin(PKCS8);

    private PemKeyReader() {
    }

    /** Reads the file's EC P-256 private key; throws {@link IllegalArgumentException} naming the file otherwise. */
    static ECPrivateKey readP256(Path file) {
        PemObject block = privateKeyBlock(file, read(file));
        PrivateKeyInfo info = block.getType().equals(SEC1) ? sec1(file, block) : pkcs8(file, block);
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            throw notAKey(file, block); // no cause: the JDK's message may echo bytes of the key
        }
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw notAKey(file, block);
        }
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ecKey.getParams()))) {
            throw problem(file, "holds a key on a curve other than P-256");
        }
        return ecKey;
    }

    private static String read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(message(file, "cannot be read (" + e.getClass().getSimpleName() + ")",
                    "expected: a readable file"), e);
        }
        // A key copied out of Coinbase's JSON key file keeps its escaped newlines.
        return text.replace("\\n", "\n");
    }

    private static PemObject privateKeyBlock(Path file, String text) {
        try (PemReader pem = new PemReader(new StringReader(text))) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                boolean ours = block.getType().equals(SEC1) || block.getType().equals(PKCS8);
                if (block.getType().equals(ENCRYPTED_PKCS8) || (ours && legacyEncrypted(block))) {
                    throw problem(file, "holds an encrypted private key");
                }
                if (ours) {
                    return block;
                }
            }
        } catch (IOException e) {
            // BouncyCastle's reasons name a missing END line or undecodable base64; neither quotes the content.
            String reason = e.getCause() instanceof DecoderException ? "a block is not valid base64" : e.getMessage();
            throw problem(file, "is not valid PEM: " + reason);
        }
        throw problem(file, "has no private key block");
    }

    /** OpenSSL's traditional encryption marks the block with a {@code Proc-Type: 4,ENCRYPTED} header. */
    private static boolean legacyEncrypted(PemObject block) {
        for (Object header : block.getHeaders()) {
            if (header instanceof PemHeader h && "Proc-Type".equalsIgnoreCase(h.getName())
                    && h.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SEC1 (RFC 5915) wrapped as PKCS#8, which is what the JDK reads. A key without its curve (SEC1 allows that; OpenSSL
     * never writes it) is taken to be on P-256, the only curve ES256 signs with.
     */
    private static PrivateKeyInfo sec1(Path file, PemObject block) {
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(block.getContent()));
            ASN1Encodable curve = sec1.getParametersObject() != null
                    ? sec1.getParametersObject() : SECObjectIdentifiers.secp256r1;
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
        } catch (IOException | RuntimeException e) {
            throw notAKey(file, block);
        }
    }

    private static PrivateKeyInfo pkcs8(Path file, PemObject block) {
        try {
            return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(block.getContent()));
        } catch (IOException | RuntimeException e) {
            throw notAKey(file, block);
        }
    }

    private static IllegalArgumentException notAKey(Path file, PemObject block) {
        return block.getType().equals(SEC1)
                ? problem(file, "has an " + begin(SEC1) + " block that is not a SEC1 EC private key")
                : problem(file, "has a " + begin(PKCS8) + " block that is not a PKCS#8 EC key (Ed25519 and RSA keys"
                        + " are not supported)");
    }

    private static IllegalArgumentException problem(Path file, String what) {
        return new IllegalArgumentException(message(file, what, EXPECTED));
    }

    private static String message(Path file, String what, String expected) {
        return "JWT key file " + file + ": " + what + " (" + expected + ")";
    }

    private static String begin(String type) {
        return "-----BEGIN " + type + "-----";
    }
}
