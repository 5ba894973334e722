package dev.tickerplant.ingest.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile variations of captured upstream frames, from a seeded random source so a failure can be replayed:
 * truncation, byte flips, wrong types, huge numbers, deep nesting (past the parser's depth limit too), invalid UTF-8,
 * large values, binary noise sent as text.
 */
final class FrameMutator {
    private final List<byte[]> seeds;
    private final SplittableRandom random;

    FrameMutator(List<byte[]> seeds, long seed) {
        this.seeds = List.copyOf(seeds);
        this.random = new SplittableRandom(seed);
    }

    /** Captured frames from the test resources, e.g. {@code fixtures("advanced-trade", "09-ticker-capture.json")}. */
    static List<byte[]> fixtures(String folder, String... names) {
        List<byte[]> list = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = FrameMutator.class.getResourceAsStream("/fixtures/" + folder + "/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing fixture " + folder + "/" + name);
                }
                list.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    byte[] next() {
        byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
        return switch (random.nextInt(10)) {
            case 0 -> Arrays.copyOf(b, random.nextInt(b.length));
            case 1 -> flipBytes(b);
            case 2 -> replaceString(b, "12345678901234567890123456789012345678901234567890");
            case 3 -> replaceString(b, "{\"a\":[1,2,{\"b\":null}]}");
            case 4 -> nest(random.nextInt(5, 200));
            case 5 -> invalidUtf8(b);
            case 6 -> replaceString(b, "9".repeat(random.nextInt(60, 5000)));
            case 7 -> noise(random.nextInt(1, 512));
            case 8 -> nest(random.nextInt(1_500, 5_000)); // deeper than the parser allows
            default -> replaceString(b, "true");
        };
    }

    byte[] noise(int length) {
        byte[] b = new byte[length];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) random.nextInt(256);
        }
        return b;
    }

    private byte[] flipBytes(byte[] b) {
        for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private byte[] invalidUtf8(byte[] b) {
        for (int tries = 0; tries < 20; tries++) {
            int i = random.nextInt(b.length);
            if (b[i] == '"' && i + 2 < b.length) {
                b[i + 1] = (byte) 0xC3;
                b[i + 2] = (byte) 0x28; // a lead byte followed by a byte that cannot continue it
                return b;
            }
        }
        return b;
    }

    /** Replaces one quoted string value, chosen at random, by raw JSON text. */
    private byte[] replaceString(byte[] b, String rawJson) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> strings = new ArrayList<>();
        for (int i = s.indexOf(":\""); i >= 0; i = s.indexOf(":\"", i + 1)) {
            int end = s.indexOf('"', i + 2);
            if (end > 0) {
                strings.add(new int[] {i + 1, end + 1});
            }
        }
        if (strings.isEmpty()) {
            return b;
        }
        int[] pick = strings.get(random.nextInt(strings.size()));
        return (s.substring(0, pick[0]) + rawJson + s.substring(pick[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] nest(int depth) {
        return ("{\"channel\":\"ticker\",\"events\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
