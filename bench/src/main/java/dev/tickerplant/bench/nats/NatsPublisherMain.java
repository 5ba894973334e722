package dev.tickerplant.bench.nats;

import dev.tickerplant.bench.process.ProductsFileOption;
import dev.tickerplant.bench.subscriber.EpochClock;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.sim.cli.CommandLines;
import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.sim.market.TickSchedule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The feed of the nats-server comparison: the simulator's own market (same seed, same tick generator, the same
 * constant schedule in round-robin product order as {@code --schedule constant}, each trade stamped with its intended
 * time however late the pump runs) published to core NATS, one subject per product
 * ({@code tickerplant.ticker.<PRODUCT>}), with the payload the daemon would deliver for it. Only the products the
 * daemon follows are published, so both servers deliver the same ticks per second.
 *
 * <pre>
 * java -cp tickerplant-bench.jar dev.tickerplant.bench.nats.NatsPublisherMain \
 *      --server nats://127.0.0.1:P --rate 2000 --products-file products.txt [--seed 1]
 * READY products=300
 * rate 500          (RATE 500.0)
 * stats             (STATS published=N)
 * quit
 * </pre>
 */
public final class NatsPublisherMain {

    static final String SUBJECT_PREFIX = "tickerplant.ticker.";
    private static final int TICK_LOG_CAPACITY = 1024;
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private final OutputStream out;
    private final Map<String, byte[]> pubPrefixes = new HashMap<>();
    private final DaemonTickerPayload payload = new DaemonTickerPayload();
    private final EpochClock clock = new EpochClock();
    private long seq;
    private volatile long published;
    private volatile IOException failure;

    private NatsPublisherMain(OutputStream out, List<String> products) {
        this.out = out;
        for (String id : products) {
            pubPrefixes.put(id, ("PUB " + SUBJECT_PREFIX + id + " ").getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(new Arguments(), args);
    }

    /** The publisher's command line. */
    @Command(name = "nats-publisher", mixinStandardHelpOptions = true,
            versionProvider = CommandLines.ManifestVersion.class,
            description = "Publishes the simulator's market to nats-server; answers rate R, stats and quit on standard"
                    + " input.")
    static final class Arguments implements Callable<Integer> {

        @Option(names = "--server", paramLabel = "URL", required = true,
                description = "nats-server to publish to, e.g. nats://127.0.0.1:4222.")
        private URI server;

        @Option(names = "--rate", paramLabel = "TICKS_PER_SECOND",
                description = "Ticks per second over the whole market (default ${DEFAULT-VALUE}; see the rate command).")
        private double rate;

        @Mixin
        private ProductsFileOption products;

        @Option(names = "--seed", paramLabel = "N",
                description = "Seed of the market, as the simulator's --seed (default ${DEFAULT-VALUE}).")
        private long seed = 1;

        @Override
        public Integer call() throws Exception {
            publish(server, rate, products.productIds(), seed);
            return 0;
        }
    }

    private static void publish(URI server, double rate, List<String> products, long seed) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            NatsPublisherMain publisher = new NatsPublisherMain(out, products);
            publisher.handshake(socket.getInputStream());
            try (Market market = new Market(ProductCatalog.generate(seed), seed, rate,
                    TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN), TICK_LOG_CAPACITY,
                    Clock.systemUTC(), System::nanoTime)) {
                market.start(publisher::publish);
                System.out.println("READY products=" + products.size());
                System.out.flush();
                publisher.serveCommands(market);
            }
        }
    }

    /** CONNECT and a PING whose PONG proves the server took it; a reader thread then answers the server's PINGs. */
    private void handshake(InputStream socketIn) throws IOException, InterruptedException {
        CountDownLatch ponged = new CountDownLatch(1);
        Thread reader = new Thread(() -> readServer(socketIn, ponged), "nats-reader");
        reader.setDaemon(true);
        reader.start();
        write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":false,"
                + "\"name\":\"tickerplant-bench-publisher\",\"lang\":\"java\",\"version\":\"0\"}\r\nPING\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (!ponged.await(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("nats-server did not answer the first PING within " + CONNECT_TIMEOUT_SECONDS + " s");
        }
    }

    private void readServer(InputStream socketIn, CountDownLatch ponged) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new BufferedInputStream(socketIn),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("PING")) {
                    write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.startsWith("PONG")) {
                    ponged.countDown();
                } else if (line.startsWith("-ERR")) {
                    System.out.println("ERROR nats-server: " + line);
                }
            }
            System.out.println("ERROR nats-server closed the publisher's connection");
        } catch (IOException e) {
            System.out.println("ERROR reading from nats-server: " + e.getMessage());
        }
    }

    /** One batch of the pump: a PUB per followed product's tick, one flush for the batch. Runs on the pump thread. */
    private void publish(List<Tick> batch) {
        try {
            synchronized (out) {
                for (Tick tick : batch) {
                    byte[] prefix = pubPrefixes.get(tick.productId());
                    if (prefix == null) {
                        continue; // a book the daemon does not follow: it would not deliver it either
                    }
                    JsonBytes json = payload.encode(tick, ++seq, clock.nowNanos());
                    out.write(prefix);
                    out.write(Integer.toString(json.length()).getBytes(StandardCharsets.US_ASCII));
                    out.write('\r');
                    out.write('\n');
                    out.write(json.array(), 0, json.length());
                    out.write('\r');
                    out.write('\n');
                }
                out.flush();
                published = seq;
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
                System.out.println("ERROR publishing to nats-server: " + e.getMessage());
            }
        }
    }

    private void write(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to nats-server", e);
        }
    }

    private void serveCommands(Market market) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.trim();
            if (command.startsWith("rate ")) {
                double rate = Double.parseDouble(command.substring("rate ".length()).trim());
                market.ticksPerSecond(rate);
                System.out.println("RATE " + rate);
            } else if (command.equals("stats")) {
                System.out.println("STATS published=" + published + (failure == null ? "" : " failed=true"));
            } else if (command.equals("quit")) {
                return;
            } else if (!command.isEmpty()) {
                System.out.println("ERROR unknown command '" + command + "' (expected: rate R, stats, quit)");
            }
            System.out.flush();
        }
    }
}
