package dev.tickerplant.ingest.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sample Coinbase messages under {@code src/test/resources/fixtures/}, read as the bytes of a frame. */
final class Fixtures {

    private static final Pattern STRING_MEMBER = Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*\"([^\"]*)\"");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A fixture holding a top-level array is several consecutive frames; each element's exact bytes. */
    static List<byte[]> frames(String name) {
        byte[] all = bytes(name);
        List<byte[]> frames = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(all)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return List.of(all);
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                frames.add(Arrays.copyOfRange(all, start, end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    /**
     * Every {@code "name": "string"} member of the fixture's text, found by pattern rather than by a JSON parser so
     * that decoded values are checked against the bytes as written. The last occurrence wins.
     */
    static Map<String, String> stringMembers(String name) {
        Map<String, String> members = new LinkedHashMap<>();
        Matcher m = STRING_MEMBER.matcher(text(name));
        while (m.find()) {
            members.put(m.group(1), m.group(2));
        }
        return members;
    }

    /** The frame's text with its whitespace outside strings removed, as it arrives on the wire. */
    static byte[] compact(String json) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
