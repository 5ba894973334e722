package dev.tickerplant.ingest.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One non-blocking Jackson parser fed frame after frame, read as if each frame were a whole document: the end of the
 * frame after the top-level value reads as the end of input, and input that runs out inside a value is an error.
 *
 * <p>A non-blocking parser takes a sequence of top-level values, so reusing it costs no parser, context or symbol
 * table per frame. It only tells where a frame went wrong relative to everything it was ever fed, so it is for frames
 * that decode; {@link FrameReader} replaces it after any other. Read it with {@code nextToken()}; the other
 * {@code next*()} methods bypass the end-of-frame rules.
 */
final class FrameParser extends JsonParserDelegate {

    /** Where {@code releaseBuffered} copies the unread bytes: only their count is wanted. */
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

    private final ByteArrayFeeder feeder;
    private byte[] input;
    private int frameEnd;
    /** The top-level value is complete and at most whitespace follows it. */
    private boolean valueComplete;
    private boolean endReached;

    FrameParser(JsonParser nonBlocking) {
        super(nonBlocking);
        this.feeder = (ByteArrayFeeder) nonBlocking.getNonBlockingInputFeeder();
    }

    /**
     * Starts the next frame. The previous one must have been read to its end, as the parser refuses new input while
     * it holds unread bytes.
     */
    void feed(byte[] buf, int offset, int length) throws IOException {
        input = buf;
        frameEnd = offset + length;
        valueComplete = false;
        endReached = false;
        feeder.feedInput(buf, offset, frameEnd);
    }

    /** Whether the whole frame was read: one top-level value, then only whitespace, then the end was asked for. */
    boolean endReached() {
        return endReached;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (valueComplete) {
            if (!endReached) {
                // Consumes the trailing whitespace, so the parser takes the next frame.
                delegate.nextToken();
                endReached = true;
            }
            return null;
        }
        JsonToken t = delegate.nextToken();
        if (t == JsonToken.NOT_AVAILABLE) {
            throw new JsonParseException(this, "frame ends inside a JSON value");
        }
        if (t.isStructEnd() && delegate.getParsingContext().inRoot()) {
            valueComplete = onlyWhitespaceLeft();
        }
        return t;
    }

    /**
     * Decided here, while the bytes after the top-level value are still unread: once the parser has consumed them,
     * whitespace and the start of a second value cut short look alike.
     */
    private boolean onlyWhitespaceLeft() throws IOException {
        int unread = delegate.releaseBuffered(NOWHERE);
        for (int i = frameEnd - unread; i < frameEnd; i++) {
            byte b = input[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
