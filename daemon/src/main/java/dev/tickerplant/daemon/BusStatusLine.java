package dev.tickerplant.daemon;

import dev.tickerplant.health.BusFigures;

/** A fanout node's one-line state for systemctl status: its upstream is the bus, so the bus is what to show. */
final class BusStatusLine {
    private BusStatusLine() {
    }

    /** E.g. "bus connected to nats://10.0.0.5:4222, caught up, 2 ingest nodes reporting, 81234 ticks read". */
    static String of(BusFigures bus) {
        String link = bus.connected() ? "bus connected to " + bus.server()
                : "bus unreachable for " + bus.unreachableMillis() / 1000 + " s";
        String feed = bus.caughtUp() ? "caught up" : "catching up (" + bus.lag() + " ticks behind)";
        return link + ", " + feed + ", " + bus.ingestNodes() + " ingest node" + (bus.ingestNodes() == 1 ? "" : "s")
                + " reporting, " + bus.delivered() + " ticks read";
    }
}
