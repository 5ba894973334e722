package dev.tickerplant.daemon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Downstream commands from a seeded random source, each with what the server must answer: well-formed commands (their
 * normal reply), commands that are certainly wrong (an {@code error}), and mutations of well-formed ones that may be
 * either — but must still get exactly one answer.
 */
final class CommandFuzzer {
    /** The first message a command is answered with. */
    static final Set<String> REPLIES = Set.of("subscriptions", "pong", "status_report", "products", "error");

    enum Expect { REPLY, ERROR, EITHER, BINARY }

    /** One command to send: text (or raw bytes for binary messages) and the answer it must get. */
    record Case(String text, byte[] binary, Expect expect, String reply) {
        static Case valid(String text, String reply) {
            return new Case(text, null, Expect.REPLY, reply);
        }

        static Case invalid(String text) {
            return new Case(text, null, Expect.ERROR, "error");
        }
    }

    private static final String[] CHANNELS = {"ticker", "status", "alerts"};

    private final SplittableRandom random;
    private final List<String> products;

    CommandFuzzer(long seed, List<String> products) {
        this.random = new SplittableRandom(seed);
        this.products = List.copyOf(products);
    }

    Case next() {
        int pick = random.nextInt(100);
        if (pick < 30) {
            return valid();
        }
        if (pick < 65) {
            return invalid();
        }
        if (pick < 97) {
            Case original = valid();
            return new Case(mutate(original.text()), null, Expect.EITHER, null);
        }
        byte[] bytes = new byte[random.nextInt(1, 300)];
        random.nextBytes(bytes);
        return new Case(null, bytes, Expect.BINARY, "error");
    }

    private Case valid() {
        switch (random.nextInt(6)) {
            case 0, 1: {
                String since = random.nextInt(4) == 0 ? ",\"since_seq\":" + random.nextInt(0, 40) : "";
                String pct = random.nextInt(3) == 0 ? ",\"min_change_pct\":" + random.nextInt(0, 101) / 4.0 : "";
                return Case.valid("{\"type\":\"subscribe\",\"products\":" + someProducts() + ",\"channels\":"
                        + someChannels() + pct + ",\"snapshot\":" + random.nextBoolean() + since
                        + (random.nextBoolean() ? ",\"note\":\"unknown fields are ignored\"" : "") + "}",
                        "subscriptions");
            }
            case 2:
                return Case.valid("{\"type\":\"unsubscribe\",\"products\":" + someProducts() + ",\"channels\":"
                        + someChannels() + "}", "subscriptions");
            case 3:
                return Case.valid("{\"type\":\"ping\",\"stats\":" + random.nextBoolean() + "}", "pong");
            case 4:
                return Case.valid("{\"type\":\"get_status\"}", "status_report");
            default:
                return Case.valid("{\"type\":\"get_products\"}", "products");
        }
    }

    private Case invalid() {
        return switch (random.nextInt(16)) {
            case 0 -> Case.invalid(garbage());
            case 1 -> Case.invalid("[" + someProducts() + "]");
            case 2 -> Case.invalid(Integer.toString(random.nextInt()));
            case 3 -> Case.invalid("{\"products\":[\"BTC-USD\"]}");
            case 4 -> Case.invalid("{\"type\":\"" + word() + "\"}");
            case 5 -> Case.invalid("{\"type\":" + random.nextInt() + "}");
            case 6 -> Case.invalid("{\"type\":\"subscribe\",\"products\":\"" + product() + "\"}");
            case 7 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[]}");
            case 8 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[\"" + product() + "\"],\"channels\":[\""
                    + word() + "\"]}");
            case 9 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[\"NOPE-" + word().toUpperCase() + "\"]}");
            case 10 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[\"" + product() + "\"],\"min_change_pct\":"
                    + (random.nextBoolean() ? "-1" : "1e9") + "}");
            case 11 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[\"" + product() + "\"],\"since_seq\":"
                    + (random.nextBoolean() ? "-5" : "123456789012345678901234567890") + "}");
            case 12 -> Case.invalid("{\"type\":\"ping\",\"stats\":\"yes\"}");
            case 13 -> Case.invalid("{\"type\":\"subscribe\",\"products\":" + "[".repeat(random.nextInt(20, 3000))
                    + "]".repeat(3) + "}");
            case 14 -> Case.invalid("{\"type\":\"subscribe\",\"products\":[\"" + "X".repeat(random.nextInt(100, 60_000))
                    + "\"]}");
            default -> Case.invalid("{\"type\":\"get_status\"}{\"type\":\"ping\"}");
        };
    }

    /** Truncation, a changed character, a duplicated or dropped slice, a field with a wrong-typed value. */
    private String mutate(String text) {
        StringBuilder s = new StringBuilder(text);
        switch (random.nextInt(5)) {
            case 0 -> s.setLength(random.nextInt(s.length()));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    s.setCharAt(random.nextInt(s.length()), (char) random.nextInt(0x20, 0x7f));
                }
            }
            case 2 -> {
                int from = random.nextInt(s.length());
                int to = Math.min(s.length(), from + random.nextInt(1, 12));
                s.insert(to, s.substring(from, to));
            }
            case 3 -> {
                int from = random.nextInt(s.length());
                s.delete(from, Math.min(s.length(), from + random.nextInt(1, 8)));
            }
            default -> {
                int colon = s.indexOf(":", random.nextInt(s.length()));
                if (colon > 0) {
                    s.insert(colon + 1, List.of("null,", "{},", "[],", "true,", "\"\",", "-0.0e-7,").get(
                            random.nextInt(6)));
                }
            }
        }
        if (random.nextInt(10) == 0) {
            s.append('é').append('\u2603'); // valid UTF-8 beyond ASCII
        }
        return s.toString();
    }

    private String someProducts() {
        if (random.nextInt(5) == 0) {
            return "[\"*\"]";
        }
        List<String> picked = new ArrayList<>();
        for (int i = 0, n = random.nextInt(1, 4); i < n; i++) {
            picked.add("\"" + product() + "\"");
        }
        return "[" + String.join(",", picked) + "]";
    }

    private String someChannels() {
        List<String> picked = new ArrayList<>();
        for (String channel : CHANNELS) {
            if (random.nextBoolean()) {
                picked.add("\"" + channel + "\"");
            }
        }
        if (picked.isEmpty()) {
            picked.add("\"ticker\"");
        }
        return "[" + String.join(",", picked) + "]";
    }

    private String product() {
        return products.get(random.nextInt(products.size()));
    }

    private String word() {
        StringBuilder w = new StringBuilder("zz");
        for (int i = 0, n = random.nextInt(1, 10); i < n; i++) {
            w.append((char) random.nextInt('a', 'z' + 1));
        }
        return w.toString();
    }

    private String garbage() {
        byte[] printable = new byte[random.nextInt(1, 200)];
        for (int i = 0; i < printable.length; i++) {
            printable[i] = (byte) random.nextInt(0x20, 0x7f);
        }
        String text = new String(printable, StandardCharsets.US_ASCII);
        return text.startsWith("{") ? "x" + text : text;
    }
}
