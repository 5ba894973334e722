package dev.tickerplant.ingest.codec;

import java.io.IOException;
import java.util.Objects;

/**
 * Runs a decoder's body over frame after frame with one reused {@link FrameParser}, so a frame that decodes allocates
 * no parser. Any other frame is decoded once more by {@link JsonFrames#decode}, with a parser of its own: that
 * reports the problem exactly as a one-frame parse does, byte offsets counted from the frame's start, and the reused
 * parser, now somewhere inside a broken value, is replaced. Bad frames are rare, so reading them twice costs nothing
 * that matters. Not thread-safe.
 */
final class FrameReader {

    private final JsonFrames.FrameBody body;
    /** Null before the first frame and after a frame that did not decode. */
    private FrameParser parser;
    private long framesReadTwice;

    FrameReader(JsonFrames.FrameBody body) {
        this.body = body;
    }

    void decode(byte[] buf, int offset, int length, DecodedFrame out) throws FrameFormatException {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (!decodeWithReusedParser(buf, offset, length, out)) {
            framesReadTwice++;
            discardParser();
            JsonFrames.decode(buf, offset, length, out, body);
        }
    }

    /** Frames the reused parser could not decode, so that a parser of their own read them again. */
    long framesReadTwice() {
        return framesReadTwice;
    }

    private boolean decodeWithReusedParser(byte[] buf, int offset, int length, DecodedFrame out) {
        out.reset();
        try {
            if (parser == null) {
                parser = JsonFrames.openReusable();
            }
            parser.feed(buf, offset, length);
            body.decode(parser, buf, offset, length, out);
            return parser.endReached();
        } catch (IOException | FrameFormatException | RuntimeException e) {
            // Whatever it was, the one-frame parse decides and says it; a fault of the body itself shows there too.
            return false;
        }
    }

    private void discardParser() {
        if (parser != null) {
            JsonFrames.close(parser);
            parser = null;
        }
    }
}
