package dev.tickerplant.bench.subscriber;

import dev.tickerplant.bench.json.Json;
import dev.tickerplant.sim.cli.CommandLines;
import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A process hosting many subscribers on a few Netty event loops, driven by commands on standard input so the harness
 * can open and close measurement windows. The URL's scheme picks the protocol: {@code ws://} clients of the daemon's
 * WebSocket, or {@code nats://} core-NATS clients of nats-server subscribed to every ticker subject; either way every
 * ticker is measured by the same {@link TickerRecorder}. Given several URLs (several fanout nodes), the clients are dealt
 * over them in turn and measured together.
 *
 * <pre>
 * java -cp tickerplant-bench.jar dev.tickerplant.bench.subscriber.SubscriberMain \
 *      --url ws://127.0.0.1:8787/ws [--url ws://127.0.0.1:8788/ws] --clients 100 [--products '*'] [--threads 2] \
 *      [--connects-per-second 500] [--deflate]
 * READY connected=100 subscribed=100           (printed once every client is subscribed, or after 60 s)
 * reset                                        (starts a window)
 * report [stats]                               (prints REPORT {json}; "stats" first asks every daemon client's
 *                                               server-side dropped count with ping {"stats":true}; -1 for NATS)
 * quit
 * </pre>
 */
@Command(name = "subscriber", mixinStandardHelpOptions = true, versionProvider = CommandLines.ManifestVersion.class,
        description = "Many WebSocket or NATS subscribers on a few event loops; answers reset, report [stats] and quit"
                + " on standard input.")
public final class SubscriberMain implements Callable<Integer> {

    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long PONG_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** What browsers offer. The subscribe goes uncompressed, so only the daemon's messages need inflating. */
    private static final String DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", required = true,
            description = {"ws://host:port/ws (the daemon) or nats://host:port (nats-server); repeat for several",
                    "servers of one kind, over which the clients are dealt in turn."})
    private List<URI> urls;

    @Option(names = "--clients", paramLabel = "N", description = "Clients to connect (default ${DEFAULT-VALUE}).")
    private int clients = 1;

    @Option(names = "--products", paramLabel = "IDS",
            description = "Products every daemon client follows, comma-separated (default ${DEFAULT-VALUE}: all).")
    private String products = "*";

    @Option(names = "--threads", paramLabel = "N", description = "Netty event loops (default ${DEFAULT-VALUE}).")
    private int threads = 2;

    @Option(names = "--connects-per-second", paramLabel = "N",
            description = "Pace of the connects (default ${DEFAULT-VALUE}).")
    private int connectsPerSecond = 500;

    @Option(names = "--deflate",
            description = "Daemon clients offer permessage-deflate, as browsers do, and inflate what comes compressed.")
    private boolean deflate;

    SubscriberMain() {
    }

    /**
     * What the subscriber process does, as its command line said.
     *
     * @param urls              the daemons' {@code ws://} WebSockets or nats-servers' {@code nats://} addresses; client
     *                          i connects to {@code urls[i % urls.size()]}
     * @param products          comma-separated product ids every daemon client follows, {@code *} for all
     * @param connectsPerSecond how fast the clients connect
     * @param deflate           daemon clients offer permessage-deflate
     */
    record Options(List<URI> urls, int clients, String products, int threads, int connectsPerSecond,
                   boolean deflate) {
        Options {
            urls = List.copyOf(urls);
            for (URI url : urls) {
                if (!"ws".equals(url.getScheme()) && !"nats".equals(url.getScheme())) {
                    throw new IllegalArgumentException("--url: " + url
                            + " (expected: ws://host:port/ws or nats://host:port)");
                }
                if (!url.getScheme().equals(urls.get(0).getScheme())) {
                    throw new IllegalArgumentException("--url: " + url + " is not a " + urls.get(0).getScheme()
                            + ":// address like " + urls.get(0) + " (expected: every --url of one kind)");
                }
            }
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

        boolean nats() {
            return "nats".equals(urls.get(0).getScheme());
        }

        /** The server client {@code i} connects to. */
        URI urlOf(int client) {
            return urls.get(client % urls.size());
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

    public static void main(String[] args) {
        CommandLines.runAndExit(new SubscriberMain(), args);
    }

    /** The parsed options; a value out of range is a usage error (the record's message names the option). */
    Options options() {
        try {
            return new Options(urls, clients, products, threads, connectsPerSecond, deflate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws IOException {
        run(options());
        return 0;
    }

    private static void run(Options options) throws IOException {
        SubscriberFigures figures = new SubscriberFigures();
        LongAdder dropped = new LongAdder();
        LongAdder pongs = new LongAdder();
        EpochClock clock = new EpochClock();
        Transport transport = Transport.forThisProcess();
        EventLoopGroup group = transport.group(options.threads(), new DefaultThreadFactory("subscriber", true));
        List<Channel> channels = new ArrayList<>();
        try {
            List<Bootstrap> bootstraps = new ArrayList<>();
            for (URI url : options.urls()) {
                bootstraps.add(bootstrap(group, transport, url, options, figures, clock, dropped, pongs));
            }
            long gapNanos = TimeUnit.SECONDS.toNanos(1) / options.connectsPerSecond();
            long next = System.nanoTime();
            for (int i = 0; i < options.clients(); i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += gapNanos;
                URI url = options.urlOf(i);
                Bootstrap bootstrap = bootstraps.get(i % bootstraps.size());
                channels.add(bootstrap.connect(url.getHost(), url.getPort()).channel());
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

    private static Bootstrap bootstrap(EventLoopGroup group, Transport transport, URI url, Options options,
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
                        ch.pipeline().addLast(new WireBytes(figures.wireBytes));
                        if (options.nats()) {
                            NatsSubscriberHandler handler = new NatsSubscriberHandler(figures, recorder);
                            ch.pipeline().addLast(new NatsClientDecoder(handler), handler);
                            return;
                        }
                        // No UTF-8 validation of every text frame: the daemon writes ASCII, and the pass over each
                        // message would be the subscriber's own cost, counted against the machine the daemon shares.
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(url)
                                .version(WebSocketVersion.V13)
                                .customHeaders(options.deflate() ? new DefaultHttpHeaders()
                                        .add(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, DEFLATE_OFFER)
                                        : new DefaultHttpHeaders())
                                .maxFramePayloadLength(1 << 20)
                                .handshakeTimeoutMillis(30_000)
                                .withUTF8Validator(false)
                                .allowExtensions(options.deflate()) // RSV1 on the compressed messages
                                .build();
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config));
                        if (options.deflate()) {
                            ch.pipeline().addLast(new MessageInflater());
                        }
                        ch.pipeline().addLast(
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
                System.out.println("REPORT " + Json.compact(report));
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
