package dev.tickerplant.bench.subscriber;

import dev.tickerplant.bench.json.JsonWriter;
import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A process hosting many subscribers on a few Netty event loops, driven by commands on standard input so the harness
 * can open and close measurement windows. The URL's scheme picks the protocol: {@code ws://} clients of the daemon's
 * WebSocket, or {@code nats://} core-NATS clients of nats-server subscribed to every ticker subject; either way every
 * ticker is measured by the same {@link TickerRecorder}.
 *
 * <pre>
 * java -cp tickerplant-bench.jar dev.tickerplant.bench.subscriber.SubscriberMain \
 *      --url ws://127.0.0.1:8787/ws --clients 100 [--products '*'] [--threads 2] [--connects-per-second 500]
 * READY connected=100 subscribed=100           (printed once every client is subscribed, or after 60 s)
 * reset                                        (starts a window)
 * report [stats]                               (prints REPORT {json}; "stats" first asks every daemon client's
 *                                               server-side dropped count with ping {"stats":true}; -1 for NATS)
 * quit
 * </pre>
 */
public final class SubscriberMain {

    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long PONG_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private SubscriberMain() {
    }

    /** The command line; every mistake is one line naming the flag. */
    record Options(URI url, int clients, String products, int threads, int connectsPerSecond) {
        Options {
            if (clients < 1) {
                throw new IllegalArgumentException("--clients: " + clients + " (expected: >= 1)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads: " + threads + " (expected: >= 1)");
            }
            if (connectsPerSecond < 1) {
                throw new IllegalArgumentException("--connects-per-second: " + connectsPerSecond + " (expected: >= 1)");
            }
        }

        static Options parse(String[] args) {
            URI url = null;
            int clients = 1;
            String products = "*";
            int threads = 2;
            int rate = 500;
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + ": missing value");
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--url" -> url = URI.create(value);
                    case "--clients" -> clients = integer("--clients", value);
                    case "--products" -> products = value;
                    case "--threads" -> threads = integer("--threads", value);
                    case "--connects-per-second" -> rate = integer("--connects-per-second", value);
                    default -> throw new IllegalArgumentException("unknown option: " + args[i - 1]
                            + " (expected one of --url, --clients, --products, --threads, --connects-per-second)");
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--url: missing (expected: ws://host:port/ws or nats://host:port)");
            }
            if (!"ws".equals(url.getScheme()) && !"nats".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url: " + url + " (expected: ws://host:port/ws or nats://host:port)");
            }
            return new Options(url, clients, products, threads, rate);
        }

        private static int integer(String flag, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": " + value + " (expected: an integer)");
            }
        }

        boolean nats() {
            return "nats".equals(url.getScheme());
        }

        /** The subscribe command every WebSocket client sends: ticker channel, no snapshot (only live ticks are measured). */
        String subscribeCommand() {
            StringBuilder ids = new StringBuilder();
            for (String id : products.split(",")) {
                ids.append(ids.length() == 0 ? "" : ",").append('"').append(id.trim()).append('"');
            }
            return "{\"type\":\"subscribe\",\"products\":[" + ids + "],\"channels\":[\"ticker\"],\"snapshot\":false}";
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("subscriber: " + e.getMessage());
            System.exit(2);
            return;
        }
        SubscriberFigures figures = new SubscriberFigures();
        LongAdder dropped = new LongAdder();
        LongAdder pongs = new LongAdder();
        EpochClock clock = new EpochClock();
        Transport transport = Transport.forThisProcess();
        EventLoopGroup group = transport.group(options.threads(), new DefaultThreadFactory("subscriber", true));
        List<Channel> channels = new ArrayList<>();
        try {
            Bootstrap bootstrap = bootstrap(group, transport, options, figures, clock, dropped, pongs);
            long gapNanos = TimeUnit.SECONDS.toNanos(1) / options.connectsPerSecond();
            long next = System.nanoTime();
            for (int i = 0; i < options.clients(); i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += gapNanos;
                channels.add(bootstrap.connect(options.url().getHost(), options.url().getPort()).channel());
            }
            long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
            while (figures.subscribed.get() < options.clients() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            System.out.println("READY connected=" + figures.connected.get() + " subscribed=" + figures.subscribed.get());
            System.out.flush();
            serveCommands(channels, options.nats(), transport.key(), figures, dropped, pongs);
        } finally {
            for (Channel channel : channels) {
                channel.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    private static Bootstrap bootstrap(EventLoopGroup group, Transport transport, Options options,
                                       SubscriberFigures figures, EpochClock clock, LongAdder dropped,
                                       LongAdder pongs) {
        String subscribe = options.subscribeCommand();
        boolean checkGaps = options.products().equals("*");
        return new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        TickerRecorder recorder = new TickerRecorder(figures, clock, checkGaps);
                        if (options.nats()) {
                            NatsSubscriberHandler handler = new NatsSubscriberHandler(figures, recorder);
                            ch.pipeline().addLast(new NatsClientDecoder(handler), handler);
                            return;
                        }
                        // No UTF-8 validation of every text frame: the daemon writes ASCII, and the pass over each
                        // message would be the subscriber's own cost, counted against the machine the daemon shares.
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(options.url())
                                .version(WebSocketVersion.V13)
                                .customHeaders(new DefaultHttpHeaders())
                                .maxFramePayloadLength(1 << 20)
                                .handshakeTimeoutMillis(30_000)
                                .withUTF8Validator(false)
                                .build();
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config),
                                new SubscriberHandler(subscribe, figures, recorder, dropped, pongs));
                    }
                });
    }

    private static void serveCommands(List<Channel> channels, boolean nats, String transport,
                                      SubscriberFigures figures, LongAdder dropped, LongAdder pongs)
            throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.trim();
            if (command.equals("reset")) {
                figures.reset();
                System.out.println("RESET");
            } else if (command.startsWith("report")) {
                long droppedNow = -1;
                if (command.endsWith("stats") && !nats) {
                    droppedNow = askDropped(channels, dropped, pongs);
                }
                Map<String, Object> report = figures.report(droppedNow);
                report.put("transport", transport);
                System.out.println("REPORT " + JsonWriter.compact(report));
            } else if (command.equals("quit")) {
                return;
            } else if (!command.isEmpty()) {
                System.out.println("ERROR unknown command '" + command + "' (expected: reset, report [stats], quit)");
            }
            System.out.flush();
        }
    }

    /** Every client's own dropped count (cumulative since it connected), summed; -1 if not all answered in time. */
    private static long askDropped(List<Channel> channels, LongAdder dropped, LongAdder pongs) {
        dropped.reset();
        pongs.reset();
        int asked = 0;
        for (Channel channel : channels) {
            if (channel.isActive()) {
                channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"ping\",\"stats\":true}"));
                asked++;
            }
        }
        long deadline = System.nanoTime() + PONG_TIMEOUT_NANOS;
        while (pongs.sum() < asked && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return pongs.sum() < asked ? -1 : dropped.sum();
    }
}
