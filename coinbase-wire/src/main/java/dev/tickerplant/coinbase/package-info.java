/**
 * The Coinbase wire protocol, one definition per message for every program that speaks it: the daemon's upstream
 * client, the simulator and the Coinbase-compatible endpoints. {@link dev.tickerplant.coinbase.CoinbaseProtocol} names
 * the two APIs; {@code request} reads and writes subscribe/unsubscribe messages; {@code message} writes the server's
 * acks, heartbeats and errors; {@code rest} reads and writes the public product lists. Field names and type strings
 * are constants here, so the hot-path decoders (which stay allocation-free in ingest) match on the same spelling.
 */
package dev.tickerplant.coinbase;
