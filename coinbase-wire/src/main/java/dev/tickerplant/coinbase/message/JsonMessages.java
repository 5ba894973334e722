package dev.tickerplant.coinbase.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document with jackson-core's streaming generator, to the caller's stream (a Netty buffer's, say)
 * or to a byte array.
 */
public final class JsonMessages {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonMessages() {
    }

    public static void write(OutputStream out, JsonBody body) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JSON", e);
        }
    }

    public static byte[] toBytes(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, body);
        return out.toByteArray();
    }
}
