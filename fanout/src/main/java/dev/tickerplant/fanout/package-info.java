/**
 * The downstream server: WebSocket clients on {@code /ws} (protocol in docs/protocol.md), on the Coinbase-compatible
 * {@code /coinbase/advanced-trade} and {@code /coinbase/exchange} (docs/compatibility.md, wire formats in
 * {@code compat}) and the daemon's plain HTTP routes, on one port.
 *
 * <h2>The path of one tick</h2>
 * <pre>
 * ring consumer thread   TickDispatcher (a TickListener on MarketState)
 *                          encode the ticker JSON once (TickerJson, exact Coinbase bytes, no allocation)
 *                          → TickHistory (since_seq replays)  → VolumeAlerts
 *                          → one complete WebSocket text frame in a pooled buffer → FrameBatch
 *                        end of ring batch (or 256 ticks): one task per worker loop
 * worker event loop      LoopFanout: for each frame, each of the loop's clients whose ProductFilter matches
 *                          SubscriberSession: suppress what a snapshot/replay already carried, min-change filter,
 *                          copy the frame's bytes into the client's staged buffer (or, when the client is not
 *                          writable, keep only the newest frame per product)
 *                        then one write and one flush per client that got something
 * </pre>
 *
 * <p><b>Why clients get a copy of the frame's bytes and not a {@code retainedDuplicate()}.</b> On the NIO transport,
 * writing a derived buffer makes two {@code ByteBuffer} objects per write, and each frame written separately also
 * costs an outbound entry: about 150 bytes of garbage per tick and client, measured. Copying a batch's frames for one
 * client back to back into one pooled buffer (a few hundred bytes of memcpy per tick and client) allocates nothing in
 * steady state and measured faster. The frame is still encoded only once.
 *
 * <p>Nothing on the tick path takes a lock: the consumer and the loops share only the batches (published by
 * {@code EventLoop.execute}, recycled through an atomic counter), the history (a seqlock on its eviction boundary)
 * and the market's latest tickers (its own seqlock).
 */
package dev.tickerplant.fanout;
