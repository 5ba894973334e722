/**
 * The Coinbase-compatible endpoints' wire formats: {@code /coinbase/advanced-trade} speaks the Advanced Trade
 * market-data protocol and {@code /coinbase/exchange} the Exchange feed protocol, so that a client written for
 * Coinbase needs only its URL changed (docs/compatibility.md).
 *
 * <p>This package is pure: request parsing, message encoding and JWT verification, tested on byte arrays. The
 * connections themselves are the fanout server's ({@code CompatFrameHandler}, {@code AdvancedTradeEndpoint},
 * {@code ExchangeEndpoint} in {@code dev.tickerplant.fanout}): the same port, event loops, limits, write buffers,
 * conflation and figures as native clients. Each tick is encoded once per protocol on the ring consumer
 * ({@link dev.tickerplant.fanout.compat.AdvancedTradeJson#writeTicker}, {@link
 * dev.tickerplant.fanout.compat.ExchangeJson#writeTicker}); an Exchange frame is shared by every client, and an
 * Advanced Trade ticker object gets only its client's envelope ({@code sequence_num}, {@code timestamp}) written
 * around it.
 */
package dev.tickerplant.fanout.compat;
