package dev.tickerplant.ingest.codec;

/** Decodes one upstream text frame. Stateless and thread-safe: one instance is shared by all connections. */
public interface FeedDecoder {

    /**
     * Decodes the UTF-8 JSON in {@code buf[offset, offset + length)} into {@code out}, which is reset first.
     *
     * @throws FrameFormatException when the bytes are not one JSON object of the documented shape; {@code out} may
     *     then hold partial values and must be reset before it is read again
     */
    void decode(byte[] buf, int offset, int length, DecodedFrame out) throws FrameFormatException;
}
