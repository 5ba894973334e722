package dev.tickerplant.ingest.codec;

/**
 * Decodes upstream text frames, one at a time. An instance keeps a JSON parser from one frame to the next so that
 * decoding allocates nothing; it is therefore not thread-safe: one instance per connection, used on that connection's
 * event loop only. What a frame decodes to depends on its bytes alone, never on the frames before it.
 */
public interface FeedDecoder {

    /**
     * Decodes the UTF-8 JSON in {@code buf[offset, offset + length)} into {@code out}, which is reset first.
     *
     * @throws FrameFormatException when the bytes are not one JSON object of the documented shape; {@code out} may
     *     then hold partial values and must be reset before it is read again
     */
    void decode(byte[] buf, int offset, int length, DecodedFrame out) throws FrameFormatException;
}
