package dev.tickerplant.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sample Coinbase messages under the testing module's {@code src/test/resources/fixtures/}, read from the class path
 * as the bytes of a frame.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " under src/test/resources/fixtures");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A fixture holding a top-level array of frames: each frame's exact bytes, see {@link Json#frames}. */
    public static List<byte[]> frames(String name) {
        return Json.frames(bytes(name));
    }
}
