package dev.tickerplant.sim;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed certificate the simulator serves in TLS mode, for {@code localhost} and {@code 127.0.0.1}.
 *
 * <p>TEST ONLY: its private key ships in this jar. Clients of a TLS simulator trust it with
 * {@link #trustingSslContext()} (for {@code java.net.http} and {@code HttpsURLConnection}) or with the PEM text
 * (e.g. Netty's {@code SslContextBuilder.forClient().trustManager(...)}).
 */
public final class SimulatorCertificate {

    private static final String CERTIFICATE = "tls/simulator-cert.pem";
    private static final String PRIVATE_KEY = "tls/simulator-key.pem";

    private SimulatorCertificate() {
    }

    /** The certificate in PEM form. */
    public static String pem() {
        return new String(read(CERTIFICATE), StandardCharsets.US_ASCII);
    }

    public static X509Certificate certificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(read(CERTIFICATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bundled simulator certificate " + CERTIFICATE + " is unreadable", e);
        }
    }

    /** A TLS client context that trusts this certificate and nothing else. */
    public static SSLContext trustingSslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("tickerplant-simulator", certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the simulator certificate", e);
        }
    }

    /** The server side: certificate and key. */
    static SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(new ByteArrayInputStream(read(CERTIFICATE)),
                    new ByteArrayInputStream(read(PRIVATE_KEY))).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot load the simulator's TLS certificate and key", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = SimulatorCertificate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing next to " + SimulatorCertificate.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
