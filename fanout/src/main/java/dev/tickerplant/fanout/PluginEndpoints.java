package dev.tickerplant.fanout;

import dev.tickerplant.ingest.ring.MarketView;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plug-in endpoints a server was built with, numbered in order: plug-in {@code p}'s encoding is number
 * {@code p + 1} in every {@link FrameBatch}, the native one being {@link FrameBatch#NATIVE}.
 */
final class PluginEndpoints {
    /** One registered plug-in and the number of its encoding. */
    record Registered(EndpointPlugin plugin, int encoding) {
    }

    private final List<Registered> list = new ArrayList<>();
    private final Map<String, Registered> byPath = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when a path is not absolute or is served twice */
    PluginEndpoints(List<EndpointPlugin> plugins) {
        for (EndpointPlugin plugin : plugins) {
            Objects.requireNonNull(plugin.encoding(), "encoding");
            String path = plugin.path();
            if (path == null || !path.startsWith("/") || path.equals(FanoutInitializer.WEBSOCKET_PATH)
                    || byPath.containsKey(path)) {
                throw new IllegalArgumentException("endpoint " + plugin.protocol() + ": path " + path
                        + " (expected: an absolute path other than " + FanoutInitializer.WEBSOCKET_PATH
                        + " and the other endpoints' " + byPath.keySet() + ")");
            }
            Registered registered = new Registered(plugin, list.size() + 1);
            list.add(registered);
            byPath.put(path, registered);
        }
    }

    /** The plug-in serving this path; null when none does. */
    Registered byPath(String path) {
        return byPath.get(path);
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /** The plug-ins that answer plain HTTP on their paths, by path. */
    Map<String, PluginHttp> plainHttp() {
        Map<String, PluginHttp> http = new LinkedHashMap<>();
        byPath.forEach((path, registered) -> {
            PluginHttp handler = registered.plugin().http();
            if (handler != null) {
                http.put(path, handler);
            }
        });
        return Map.copyOf(http);
    }

    /** Every encoding a batch has: the native one and one per plug-in. */
    int encodings() {
        return list.size() + 1;
    }

    /** The plug-ins' encodings, in the order of their numbers. */
    List<Encoding> pluginEncodings() {
        return list.stream().map(r -> r.plugin().encoding()).toList();
    }

    /** Each plug-in's share of the event loop {@code executor}, in the order of their encodings' numbers. */
    PluginLoop[] newLoops(EventLoop executor, ServerFigures figures, FanoutOptions options, MarketView market) {
        PluginLoop[] loops = new PluginLoop[list.size()];
        for (int p = 0; p < loops.length; p++) {
            Registered registered = list.get(p);
            loops[p] = Objects.requireNonNull(registered.plugin().newLoop(executor,
                    new CountedClients(figures, options, market, registered.encoding())), "newLoop()");
        }
        return loops;
    }

    /** A plug-in's clients without a WebSocket, in the server's client count and in its encoding's. */
    private record CountedClients(ServerFigures figures, FanoutOptions options, MarketView market, int encoding)
            implements PluginClients {
        @Override
        public boolean admit() {
            if (figures.clients.incrementAndGet() > options.maxClients()) {
                figures.clients.decrementAndGet();
                return false;
            }
            figures.clientsOf(encoding).incrementAndGet();
            return true;
        }

        @Override
        public void release() {
            figures.clientsOf(encoding).decrementAndGet();
            figures.clients.decrementAndGet();
        }

        @Override
        public int maxClients() {
            return options.maxClients();
        }

        @Override
        public void countCommandError() {
            figures.commandErrors.increment();
        }
    }
}
