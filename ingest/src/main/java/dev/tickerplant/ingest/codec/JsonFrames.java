package dev.tickerplant.ingest.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.tickerplant.coinbase.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The streaming-JSON plumbing both adapters share: one parser factory, the one-frame decode that reports a bad frame,
 * typed reads that copy text straight from the parser's buffer, and the translation of parser failures into
 * {@link FrameFormatException}s.
 */
final class JsonFrames {

    /** The deepest Coinbase frame (AT ticker: envelope, events, event, tickers, ticker) is 5; leave room. */
    static final int MAX_NESTING_DEPTH = 32;

    /**
     * Thread-safe; the reused parser of each decoder and the one-frame parsers all come from here. No document length
     * limit: a reused parser counts everything a connection ever sent as one document (the frame size is capped by the
     * WebSocket layer instead).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private JsonFrames() {
    }

    /** The protocol-specific part of decoding one frame, given a parser positioned before its first token. */
    @FunctionalInterface
    interface FrameBody {
        void decode(JsonParser p, byte[] buf, int offset, int length, DecodedFrame out)
                throws IOException, FrameFormatException;
    }

    /**
     * Decodes one frame with a parser of its own: check bounds, reset the frame, open a parser, and turn Jackson's
     * exceptions into {@link FrameFormatException}s with byte offsets from the frame's start. This allocates a parser,
     * so {@link FrameReader} comes here only for the frames its reused parser could not decode.
     */
    static void decode(byte[] buf, int offset, int length, DecodedFrame out, FrameBody body)
            throws FrameFormatException {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        out.reset();
        JsonParser p = open(buf, offset, length);
        try {
            body.decode(p, buf, offset, length, out);
        } catch (JsonProcessingException e) {
            throw notJson(e, p);
        } catch (IOException e) {
            throw new FrameFormatException(null, "cannot read frame: " + e.getMessage(), e);
        } finally {
            close(p);
        }
    }

    /** A parser to be fed frame after frame; its buffers stay with it until it is closed. */
    static FrameParser openReusable() throws IOException {
        return new FrameParser(FACTORY.createNonBlockingByteArrayParser());
    }

    static JsonParser open(byte[] buf, int offset, int length) throws FrameFormatException {
        try {
            return FACTORY.createParser(buf, offset, length);
        } catch (IOException e) {
            throw new FrameFormatException(null, "cannot read frame: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Returns the parser's buffers to their pool. A parser over a byte array has no stream to fail on close, and
     * this runs in {@code finally}, where throwing would hide the frame's own error.
     */
    static void close(JsonParser p) {
        try {
            p.close();
        } catch (IOException ignored) {
            // nothing was open but memory
        }
    }

    /** Positions the parser inside the top-level object. */
    static void enterRootObject(JsonParser p) throws IOException, FrameFormatException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw new FrameFormatException("frame", "expected a JSON object, got " + describe(t));
        }
    }

    /** After the top-level object closed: nothing but whitespace may follow. */
    static void expectEndOfFrame(JsonParser p) throws IOException, FrameFormatException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new FrameFormatException("frame",
                    "expected the end after the top-level object, got " + describe(t) + " at byte "
                            + p.currentTokenLocation().getByteOffset());
        }
    }

    /** Turns a parser failure into a one-line message with the byte offset, counted from the frame's start. */
    static FrameFormatException notJson(JsonProcessingException e, JsonParser p) {
        String kind = e instanceof StreamConstraintsException ? "frame exceeds parser limits: " : "not JSON: ";
        JsonLocation where = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        long byteOffset = where == null ? -1 : where.getByteOffset();
        String at = byteOffset >= 0 ? " at byte " + byteOffset : "";
        return new FrameFormatException(null, kind + oneLine(e.getOriginalMessage()) + at, e);
    }

    /** Copies a string value into {@code dst}; JSON null counts as absent. */
    static void readAscii(JsonParser p, JsonToken t, AsciiField dst) throws IOException, FrameFormatException {
        if (t == JsonToken.VALUE_STRING) {
            dst.set(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } else if (t == JsonToken.VALUE_NULL) {
            dst.clear();
        } else {
            throw expected("a string", t);
        }
    }

    /** A JSON integer that fits a long; JSON null gives -1, the "absent" value of every id and sequence here. */
    static long readLong(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw expected("an integer", t);
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new FrameFormatException(null, "expected an integer within 64 bits, got " + p.getText());
        }
        return p.getLongValue();
    }

    /**
     * A non-negative counter sent either as a JSON integer or as a string of digits; -1 for null or {@code ""}.
     */
    static long readCounter(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t != JsonToken.VALUE_STRING) {
            long value = readLong(p, t);
            if (value < -1) {
                throw new FrameFormatException(null, "expected a non-negative integer, got " + value);
            }
            return value;
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len == 0) {
            return -1;
        }
        long value = 0;
        for (int i = off; i < off + len; i++) {
            char ch = c[i];
            // 18 digits always fit a long.
            if (ch < '0' || ch > '9' || len > 18) {
                throw new FrameFormatException(null,
                        "expected a string of at most 18 digits, got \"" + p.getText() + "\"");
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    /** An RFC 3339 timestamp string as epoch nanos; null or {@code ""} give {@link Long#MIN_VALUE}. */
    static long readTimestamp(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return Long.MIN_VALUE;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw expected("an RFC 3339 timestamp string", t);
        }
        return parseTimestamp(p);
    }

    /** The current string token as epoch nanos; {@code ""} gives {@link Long#MIN_VALUE}. */
    static long parseTimestamp(JsonParser p) throws IOException, FrameFormatException {
        if (p.getTextLength() == 0) {
            return Long.MIN_VALUE;
        }
        long nanos = Rfc3339.parseEpochNanos(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (nanos == Long.MIN_VALUE) {
            throw new FrameFormatException(null,
                    "expected an RFC 3339 timestamp such as 2023-02-09T20:19:35.39625135Z, got \""
                            + p.getText() + "\"");
        }
        return nanos;
    }

    /** A string value as a new String; null stays null. For rare frames only. */
    static String readString(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw expected("a string", t);
        }
        return p.getText();
    }

    /** A JSON array of strings as an unmodifiable list; null gives an empty list. For rare frames only. */
    static List<String> readStringList(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            throw expected("an array of strings", t);
        }
        List<String> values = new ArrayList<>();
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
            if (item != JsonToken.VALUE_STRING) {
                throw expected("a string", item).withinElement(values.size());
            }
            values.add(p.getText());
        }
        return Collections.unmodifiableList(values);
    }

    /** Whether the current string token's text equals {@code s}, without making a String of it. */
    static boolean textEquals(JsonParser p, String s) throws IOException {
        int len = p.getTextLength();
        if (len != s.length()) {
            return false;
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        for (int i = 0; i < len; i++) {
            if (c[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static void expectObject(JsonToken t) throws FrameFormatException {
        if (t != JsonToken.START_OBJECT) {
            throw expected("an object", t);
        }
    }

    static void expectArray(JsonToken t) throws FrameFormatException {
        if (t != JsonToken.START_ARRAY) {
            throw expected("an array", t);
        }
    }

    static FrameFormatException expected(String what, JsonToken got) {
        return new FrameFormatException(null, "expected " + what + ", got " + describe(got));
    }

    /** Token names as a reader of the frame would call them. */
    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT:
                return "OBJECT";
            case START_ARRAY:
                return "ARRAY";
            case VALUE_STRING:
                return "STRING";
            case VALUE_NUMBER_INT:
                return "NUMBER";
            case VALUE_NUMBER_FLOAT:
                return "NUMBER (with fraction)";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "BOOLEAN";
            case VALUE_NULL:
                return "NULL";
            default:
                return t.name();
        }
    }

    /**
     * The top-level {@code channel} and {@code type} strings of a frame whose dispatch keys come after the fields
     * they govern. Reads the frame a second time, so it is only for that unusual order.
     */
    static TopLevelKeys scanTopLevelKeys(byte[] buf, int offset, int length)
            throws IOException, FrameFormatException {
        String channel = null;
        String type = null;
        try (JsonParser p = open(buf, offset, length)) {
            enterRootObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(Fields.CHANNEL) && t == JsonToken.VALUE_STRING) {
                    channel = p.getText();
                } else if (name.equals(Fields.TYPE) && t == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new TopLevelKeys(channel, type);
    }

    /** Top-level dispatch keys; either may be null. */
    record TopLevelKeys(String channel, String type) {
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
