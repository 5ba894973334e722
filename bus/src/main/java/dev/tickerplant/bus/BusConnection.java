package dev.tickerplant.bus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's connection to the bus. Connects in the background and reconnects forever by the client library's own
 * policy (a node must come back on its own after any outage); what it adds is the reachability figures health reads and
 * one log line per change of state.
 */
public final class BusConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BusConnection.class);
    private static final Duration RECONNECT_WAIT = Duration.ofMillis(500);

    private final BusOptions options;
    private final LongSupplier nanoTime;
    private final CompletableFuture<Connection> first = new CompletableFuture<>();
    private volatile boolean connected;
    /** {@code nanoTime} since when the bus has been unreachable; meaningful while not connected. */
    private volatile long unreachableSinceNanos;
    private volatile String server = "";
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private BusConnection(BusOptions options, LongSupplier nanoTime) {
        this.options = options;
        this.nanoTime = nanoTime;
        this.unreachableSinceNanos = nanoTime.getAsLong();
    }

    /** Starts connecting; returns at once. A bus that is down at start is retried like one that went down later. */
    public static BusConnection open(BusOptions options) {
        BusConnection bus = new BusConnection(options, System::nanoTime);
        try {
            Nats.connectAsynchronously(bus.natsOptions(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the bus connection", e);
        }
        log.info("bus: connecting to {} as {}", String.join(",", options.servers()), options.nodeName());
        return bus;
    }

    private Options natsOptions() {
        Options.Builder b = new Options.Builder()
                .servers(options.servers().toArray(new String[0]))
                .connectionName("tickerplant " + options.nodeName())
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(2))
                .maxPingsOut(2)
                .connectionListener(this::onEvent)
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        log.warn("bus: server error: {}", error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        log.debug("bus: client exception", exp);
                    }
                });
        options.credentialsFile().ifPresent(path -> b.authHandler(Nats.credentials(path.toString())));
        options.tlsCaFile().ifPresent(path -> b.sslContext(trusting(path)));
        return b.build();
    }

    private void onEvent(Connection conn, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED, RECONNECTED -> {
                server = String.valueOf(conn.getConnectedUrl());
                if (!connected) {
                    connected = true;
                    log.info("bus: {} to {} after {} ms unreachable", event == ConnectionListener.Events.CONNECTED
                            ? "connected" : "reconnected", server, TimeUnit.NANOSECONDS.toMillis(unreachableNanos0()));
                }
                if (closing) {
                    closeQuietly(conn); // connected only after this node had been closed
                    return;
                }
                first.complete(conn);
                if (event == ConnectionListener.Events.RECONNECTED) {
                    onReconnect.forEach(Runnable::run);
                }
            }
            case DISCONNECTED, CLOSED -> {
                if (closing) {
                    connected = false;
                    log.info("bus: connection to {} closed", server);
                } else if (connected) {
                    connected = false;
                    unreachableSinceNanos = nanoTime.getAsLong();
                    log.warn("bus: {} from {}; {}", event == ConnectionListener.Events.CLOSED ? "closed" : "disconnected",
                            server, event == ConnectionListener.Events.CLOSED ? "not reconnecting" : "reconnecting");
                }
            }
            default -> {
            }
        }
    }

    private long unreachableNanos0() {
        return Math.max(0, nanoTime.getAsLong() - unreachableSinceNanos);
    }

    /** Runs after every reconnection, on the client's callback thread (e.g. to resume what waited for the bus). */
    void onReconnect(Runnable action) {
        onReconnect.add(action);
    }

    /** The connection once it first succeeded; it stays the same object across reconnections. */
    CompletableFuture<Connection> connection() {
        return first;
    }

    public BusOptions options() {
        return options;
    }

    public boolean connected() {
        return connected;
    }

    /** How long the bus has been unreachable; 0 while connected. */
    public long unreachableNanos() {
        return connected ? 0 : unreachableNanos0();
    }

    /** The server currently connected to ("" before the first connection). */
    public String server() {
        return server;
    }

    @Override
    public void close() {
        closing = true;
        Connection conn = first.getNow(null);
        first.cancel(false);
        if (conn != null) {
            try {
                conn.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Connection conn) {
        try {
            conn.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TLS context that trusts the certificates of one PEM file. */
    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("nats-tls-ca-file " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("nats-tls-ca-file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
