package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes JSON with jackson-core's streaming generator, into a Netty buffer or a byte array. */
final class Json {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The body of one JSON document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private Json() {
    }

    static ByteBuf toBuffer(ByteBufAllocator allocator, Body body) {
        ByteBuf buffer = allocator.buffer(256);
        try {
            write(new ByteBufOutputStream(buffer), body);
            return buffer;
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
    }

    static byte[] toBytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        write(out, body);
        return out.toByteArray();
    }

    private static void write(OutputStream out, Body body) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JSON", e);
        }
    }
}
