package dev.tickerplant.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of the page, read from the jar once at start: its bytes, its content type and an entity tag derived from
 * the bytes, so a browser revalidates cheaply and a new build's files are never mistaken for the old ones.
 */
record StaticAsset(String path, String contentType, byte[] bytes, String etag) {

    /** Reads {@code resource} next to this class; a missing one is a packaging mistake and stops start-up. */
    static StaticAsset load(String path, String resource, String contentType) {
        try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("status page resource " + resource + " is missing from the jar:"
                        + " expected it under dev/tickerplant/web/ (rebuild the web module)");
            }
            byte[] bytes = in.readAllBytes();
            return new StaticAsset(path, contentType, bytes, etagOf(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status page resource " + resource, e);
        }
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must provide it
        }
    }
}
