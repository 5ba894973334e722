package dev.tickerplant.ingest.codec;

import dev.tickerplant.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A frame's text as the decoder tests look at it: compacted as on the wire, its string members as written. */
final class FrameText {

    private static final Pattern STRING_MEMBER = Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*\"([^\"]*)\"");

    private FrameText() {
    }

    /**
     * Every {@code "name": "string"} member of the fixture's text, found by pattern rather than by a JSON parser so
     * that decoded values are checked against the bytes as written. The last occurrence wins.
     */
    static Map<String, String> stringMembers(String name) {
        Map<String, String> members = new LinkedHashMap<>();
        Matcher m = STRING_MEMBER.matcher(Fixtures.text(name));
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
