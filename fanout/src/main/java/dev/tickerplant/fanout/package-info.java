/**
 * The downstream server: WebSocket clients on {@code /ws} (protocol in docs/protocol.md), on the paths of the
 * {@link dev.tickerplant.fanout.EndpointPlugin}s the server was built with, and the daemon's plain HTTP routes, on one
 * port.
 *
 * <h2>The path of one tick</h2>
 * <pre>
 * ring consumer thread   TickDispatcher (a TickListener on MarketState)
 *                          encode the ticker JSON once (TickerJson, exact Coinbase bytes, no allocation)
 *                          → TickHistory (since_seq replays)  → VolumeAlerts
 *                          → one complete WebSocket text frame on the end of the FrameBatch's native buffer,
 *                            and once per plug-in Encoding that has a client, on the end of that encoding's buffer
 *                        end of ring batch (or 256 ticks): one task per worker loop
 * worker event loop      LoopFanout: each plug-in's PluginLoop hears of every ticker; clients of every product take
 *                          the whole buffer of their encoding as one retained slice, the others (through the
 *                          per-product index) a slice per run of entries they want
 *                          SubscriberSession: suppress what a snapshot/replay already carried, min-change filter,
 *                          or, when the client is not writable, keep a copy of the newest tick per product
 *                        then one write per client and batch, one flush per client and loop turn
 * </pre>
 *
 * <h2>Plug-in endpoints</h2>
 * An {@link dev.tickerplant.fanout.EndpointPlugin} brings a path, a protocol name, an
 * {@link dev.tickerplant.fanout.Encoding} (how a tick becomes bytes: complete frames shared as they are, or a payload
 * each client's {@link dev.tickerplant.fanout.TickFraming} wraps) and a {@link dev.tickerplant.fanout.PluginLoop} per
 * event loop, which opens its clients' {@link dev.tickerplant.fanout.EndpointClient}s on top of their
 * {@link dev.tickerplant.fanout.EndpointSession}s. The core never names a plug-in's protocol.
 *
 * <p>Nothing on the tick path takes a lock: the consumer and the loops share only the batches (published by
 * {@code EventLoop.execute}, recycled through an atomic counter), the history (a seqlock on its eviction boundary)
 * and the market's latest tickers (its own seqlock).
 */
package dev.tickerplant.fanout;
