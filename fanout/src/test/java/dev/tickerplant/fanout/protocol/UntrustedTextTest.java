package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntrustedTextTest {

    /** Input and expected output in Java escapes, so that the table shows every character it tests. */
    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            BTC-USD                 | "BTC-USD"                    | plain text is only quoted
            ''                      | ""                           | empty
            BTC-USD\\n              | "BTC-USD\\\\n"               | line feed
            a\\rb\\tc               | "a\\\\rb\\\\tc"              | carriage return and tab
            say "hi"                | "say \\\\"hi\\\\""           | quotes
            C:\\\\x                 | "C:\\\\\\\\x"                | backslash
            a\\u0000b\\u001bc\\u007f | "a\\\\u0000b\\\\u001bc\\\\u007f" | NUL, ESC and DEL
            caf\\u00e9              | "caf\\\\u00e9"               | non-ASCII
            a\\u2028b               | "a\\\\u2028b"                | line separator
            \\ud83d\\ude00          | "\\\\ud83d\\\\ude00"         | an astral character as its two surrogates
            """)
    void quote(String input, String expected, String what) {
        assertEquals(unescape(expected), UntrustedText.quote(unescape(input)), what);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            abcdefgh  | 8 | abcdefgh      | exactly the limit is not cut
            abcdefghi | 8 | abcdefgh...   | one more is cut
            abcdefg\\n | 8 | abcdefg...   | an escape that would not fit is left out whole
            abcd\\u00e9 | 8 | abcd...     | a \\u escape is never split
            ab\\u00e9cd | 8 | ab\\\\u00e9...  | an escape that fits is kept
            """)
    void cut(String input, int maxChars, String expected, String what) {
        assertEquals(unescape(expected), UntrustedText.shown(unescape(input), maxChars), what);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            unknown type "x": expected y  | unknown type "x": expected y      | quotes stay as they are
            got "a\\\\nb"                 | got "a\\\\nb"                     | already escaped text reads the same
            got "a\\nb"                   | got "a\\\\nb"                     | a raw line feed is escaped
            token '\\u00ff\\u0001'        | token '\\\\u00ff\\\\u0001'        | non-ASCII and control characters
            """)
    void line(String input, String expected, String what) {
        assertEquals(unescape(expected), UntrustedText.line(unescape(input), 100), what);
    }

    @org.junit.jupiter.api.Test
    void theDefaultCutIsSixtyFourCharacters() {
        assertEquals("\"" + "x".repeat(64) + "...\"", UntrustedText.quote("x".repeat(65_536)));
        assertEquals("x".repeat(64), UntrustedText.shown("x".repeat(64)));
        assertEquals("null", UntrustedText.quote(null));
    }

    /** Java's escapes in the table: backslash-backslash, -n, -r, -t and -uXXXX. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
