/**
 * Upstream decoders: Coinbase Advanced Trade and Exchange WebSocket frames in, allocation-free.
 *
 * <p>Decoding is pure: a {@link dev.tickerplant.ingest.codec.FeedDecoder} turns the bytes of one frame into a reused
 * {@link dev.tickerplant.ingest.codec.DecodedFrame}, whatever frames came before. Its only state is a JSON parser it
 * reuses, so each connection has its own decoder. Decimal strings are never parsed; they are kept as the exact ASCII
 * bytes Coinbase sent ({@link dev.tickerplant.ingest.codec.AsciiField}), so a price that goes out is the price that
 * came in. Once a connection has seen its largest frame, decoding a ticker frame allocates nothing; a malformed frame
 * costs a parser of its own, to say exactly what is wrong with it.
 *
 * <p>The requests sent upstream, and the field names and type strings matched here, come from the wire module
 * ({@code dev.tickerplant.coinbase}).
 */
package dev.tickerplant.ingest.codec;
