package dev.tickerplant.health;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Streams a JSON document straight into a response buffer with jackson-core; no tree, no data binding. */
final class JsonBody {
    /** Thread-safe once configured; shared by every route on every event loop. */
    private static final JsonFactory FACTORY = new JsonFactory();

    @FunctionalInterface
    interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private JsonBody() {
    }

    /**
     * Heap buffers, not pooled ones: a response the server fails to write is then reclaimed by the garbage collector
     * instead of leaking from the pool. These routes are polled every few seconds, not per tick.
     */
    static ByteBuf render(Content content) {
        ByteBuf buf = Unpooled.buffer(512);
        try (JsonGenerator json = FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(buf),
                JsonEncoding.UTF8)) {
            content.writeTo(json);
        } catch (IOException | RuntimeException e) {
            buf.release();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("writing a JSON response failed: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        return buf;
    }

    /** Writes {@code name: value}, or {@code name: null} when {@code value} is negative (meaning "not applicable"). */
    static void numberOrNull(JsonGenerator json, String name, long value) throws IOException {
        if (value < 0) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
