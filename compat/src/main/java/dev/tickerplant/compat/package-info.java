/**
 * The Coinbase-compatible endpoints: {@code /coinbase/advanced-trade} speaks the Advanced Trade market-data protocol
 * and {@code /coinbase/exchange} the Exchange feed protocol, so that a client written for Coinbase needs only its URL
 * changed (docs/compatibility.md). {@link dev.tickerplant.compat.CompatEndpoints} plugs them into a fanout
 * server; their clients share its port, event loops, limits, write buffers, conflation and figures with native ones.
 *
 * <p>Each tick is encoded once per protocol on the ring consumer while it has clients ({@code AdvancedTradeEncoding},
 * {@code ExchangeEncoding}); an Exchange frame is shared by every client, and an Advanced Trade ticker object gets only
 * its client's envelope ({@code sequence_num}, {@code timestamp}) written around it ({@code AdvancedTradeEndpoint}).
 * Request parsing, message encoding and JWT verification are pure and tested on byte arrays.
 */
package dev.tickerplant.compat;
