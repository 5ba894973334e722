package dev.tickerplant.bench;

import dev.tickerplant.bench.nats.NatsServer;
import dev.tickerplant.bench.process.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The nats-server side of a comparison, built like {@link BenchStack}: nats-server in place of the daemon, a
 * publisher JVM in place of the simulator (the simulator's market, the same constant schedule, the daemon's payload),
 * and the same kind of subscriber process with the same number of clients. Closing it stops all three, clients first.
 */
public final class NatsStack implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final NatsServer server;
    private final JavaProcess subscribers;
    private final JavaProcess publisher;

    private NatsStack(NatsServer server, JavaProcess subscribers, JavaProcess publisher) {
        this.server = server;
        this.subscribers = subscribers;
        this.publisher = publisher;
    }

    /** Starts the server, subscribes every client, then starts publishing at {@code tickRate} ticks per second. */
    public static NatsStack start(RunContext context, String name, double tickRate, int clients) {
        Path dir = context.dir(name);
        NatsServer server = NatsServer.start(dir.resolve("nats-server.log"));
        JavaProcess subscribers = null;
        try {
            subscribers = BenchStack.startSubscriberProcess(context, dir, "nats-subscribers", server.url(), clients,
                    server.log());
            Path products = dir.resolve("nats-products.txt");
            Files.write(products, BenchStack.followedProducts());
            JavaProcess publisher = JavaProcess.start("nats-publisher",
                    BenchStack.jvm(RunContext.SIMULATOR_JVM, dir, "nats-publisher"), context.benchJar().toString(),
                    "dev.tickerplant.bench.nats.NatsPublisherMain",
                    List.of("--server", server.url().toString(), "--rate", Double.toString(tickRate),
                            "--products-file", products.toString(), "--seed", Long.toString(BenchStack.SEED)),
                    dir.resolve("nats-publisher.log"));
            try {
                publisher.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(60), "READY line");
            } catch (RuntimeException e) {
                publisher.close();
                throw e;
            }
            return new NatsStack(server, subscribers, publisher);
        } catch (IOException e) {
            close(subscribers, null, server);
            throw new UncheckedIOException("cannot write the publisher's product list", e);
        } catch (RuntimeException e) {
            close(subscribers, null, server);
            throw e;
        }
    }

    public NatsServer server() {
        return server;
    }

    public JavaProcess subscribers() {
        return subscribers;
    }

    /** Changes the publisher's total tick rate (the schedule re-anchors, as the simulator's does). */
    public void tickRate(double ticksPerSecond) {
        publisher.send("rate " + ticksPerSecond);
        publisher.awaitLine(l -> l.startsWith("RATE "), REPLY_TIMEOUT, "RATE");
    }

    /** Why a window went wrong on this side: the server or the publisher gone, or an error the publisher printed. */
    public String health() {
        if (!server.isAlive()) {
            return "nats-server exited; see " + server.log();
        }
        if (!publisher.isAlive()) {
            return "the publisher exited; see " + publisher.log();
        }
        return "running";
    }

    @Override
    public void close() {
        close(subscribers, publisher, server);
    }

    private static void close(JavaProcess subscribers, JavaProcess publisher, NatsServer server) {
        for (JavaProcess client : new JavaProcess[] {subscribers, publisher}) {
            if (client == null) {
                continue;
            }
            try {
                client.send("quit");
            } catch (IllegalStateException e) {
                // already gone
            }
            client.close();
        }
        server.close();
    }
}
