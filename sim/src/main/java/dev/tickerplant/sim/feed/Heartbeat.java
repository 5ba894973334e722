package dev.tickerplant.sim.feed;

import java.time.Instant;

/**
 * One beat of the server's heartbeat clock, shared by every connection so they all see the same counter.
 *
 * @param counter     beats since the server started; at the default 1 s period it equals the uptime in seconds,
 *                    as the live {@code heartbeat_counter} does
 * @param wallTime    when the beat fired
 * @param uptimeNanos server uptime at the beat, for the Go-style monotonic {@code m=+} reading
 */
record Heartbeat(long counter, Instant wallTime, long uptimeNanos) {
}
