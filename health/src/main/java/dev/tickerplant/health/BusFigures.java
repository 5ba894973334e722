package dev.tickerplant.health;

/**
 * The bus as health reads it, one consistent snapshot per request.
 *
 * @param publishes                 this node puts its ticks on the bus (role ingest, or all with a bus)
 * @param consumes                  this node's ticks come from the bus (role fanout)
 * @param connected                 the client is connected to a server of the bus
 * @param unreachableMillis         how long the bus has been unreachable; 0 while connected
 * @param unreachableThresholdMillis a consuming node is down once the bus has been unreachable this long
 * @param server                    the server connected to, "" when none
 * @param stored                    ticks the stream stored from this node
 * @param duplicates                ticks the stream already had (another ingest node published them first)
 * @param retried                   publishes sent again after a failure or a missing ack
 * @param dropped                   ticks dropped because the publish buffer was full during an outage
 * @param pendingAcks               publishes awaiting their ack
 * @param buffered                  ticks waiting to be published
 * @param delivered                 ticks read off the stream (consuming node)
 * @param lastSequence              stream sequence of the last tick read
 * @param lag                       ticks in the stream not yet read
 * @param malformed                 stream messages that were not readable tickers
 * @param caughtUp                  the consuming node has read the stream up to where it stood at start
 * @param ingestNodes               ingest nodes whose status was heard recently (consuming node)
 */
public record BusFigures(boolean publishes, boolean consumes, boolean connected, long unreachableMillis,
                         long unreachableThresholdMillis, String server, long stored, long duplicates, long retried,
                         long dropped, long pendingAcks, long buffered, long delivered, long lastSequence, long lag,
                         long malformed, boolean caughtUp, int ingestNodes) {
}
