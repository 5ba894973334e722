package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 10 000 mutated upstream frames per protocol, from a fixed seed: truncation, byte flips, wrong types, huge numbers,
 * deep nesting, invalid UTF-8, oversized values, binary noise. A decoder may accept a mutant or reject it with a
 * {@link FrameFormatException} carrying a message — nothing else: no other exception, no hang, and a reused
 * {@link DecodedFrame} that still decodes a good frame correctly afterwards. One decoder reads every mutant in turn,
 * as a connection's decoder reads its frames, and must come to what a parser made for that mutant alone comes to:
 * the same values or the same message.
 */
class DecoderFuzzTest {
    private static final int MUTANTS = 10_000;

    @Test
    void advancedTradeDecoderSurvivesMutatedFrames() throws IOException {
        fuzz(new AdvancedTradeAdapter(), AdvancedTradeAdapter::decodeFrame, seeds("advanced-trade", "08-ticker-doc.json", "09-ticker-capture.json",
                "10-ticker-capture.json", "12-ticker_batch-capture.json", "13-ticker_batch-capture.json",
                "07-heartbeats-capture.json", "26-subscriptions-capture.json"), 0xC0FFEEL);
    }

    @Test
    void exchangeDecoderSurvivesMutatedFrames() throws IOException {
        fuzz(new ExchangeFeedAdapter(), ExchangeFeedAdapter::decodeFrame, seeds("exchange", "36-ticker-doc.json", "37-ticker-capture.json",
                "38-ticker-capture.json", "35-heartbeat-capture.json", "32-subscriptions-capture.json"), 0xBADF00DL);
    }

    private static void fuzz(FeedDecoder decoder, JsonFrames.FrameBody body, List<byte[]> seeds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DecodedFrame frame = new DecodedFrame();
        DecodedFrame alone = new DecodedFrame();
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            frame.reset();
            String outcome;
            try {
                decoder.decode(mutant, 0, mutant.length, frame);
                outcome = describe(frame);
            } catch (FrameFormatException e) {
                rejected++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a rejection says why");
                outcome = e.getMessage();
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutant " + i + " crashed the decoder with " + e + ": "
                        + new String(mutant, StandardCharsets.ISO_8859_1), e);
                return;
            }
            assertEquals(decodedAlone(body, mutant, alone), outcome,
                    "mutant " + i + ": " + new String(mutant, StandardCharsets.ISO_8859_1));
        }
        assertTrue(rejected > MUTANTS / 10, "the mutations were hostile enough to be rejected sometimes: " + rejected);
        // The reused frame still decodes a good frame after all of that.
        frame.reset();
        try {
            decoder.decode(seeds.get(0), 0, seeds.get(0).length, frame);
        } catch (FrameFormatException e) {
            fail("a valid frame was rejected after the fuzz run: " + e.getMessage());
        }
        assertTrue(frame.tickerCount() > 0);
    }

    /** The outcome of decoding the frame with a parser of its own, as {@link #describe} or the rejection message. */
    private static String decodedAlone(JsonFrames.FrameBody body, byte[] bytes, DecodedFrame frame) {
        try {
            JsonFrames.decode(bytes, 0, bytes.length, frame, body);
            return describe(frame);
        } catch (FrameFormatException e) {
            return e.getMessage();
        }
    }

    private static String describe(DecodedFrame f) {
        StringBuilder sb = new StringBuilder().append(f.type()).append(' ').append(f.channel())
                .append(" seq=").append(f.sequenceNum()).append(" time=").append(f.timestampNanos())
                .append(" skipped=").append(f.skippedTickers()).append(" counter=").append(f.heartbeatCounter())
                .append(" heartbeat=").append(f.heartbeatProductId()).append('/').append(f.heartbeatSequence())
                .append('/').append(f.heartbeatLastTradeId()).append(" subscriptions=").append(f.subscriptions())
                .append(" error=").append(f.errorMessage()).append('/').append(f.errorReason());
        for (int i = 0; i < f.tickerCount(); i++) {
            sb.append(' ').append(f.ticker(i));
        }
        return sb.toString();
    }

    private static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] b = original.clone();
        switch (r.nextInt(9)) {
            case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncated
            case 1 -> { // random byte flips
                for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> b = replaceFirstString(b, r, "12345678901234567890123456789012345678901234567890"); // huge number
            case 3 -> b = replaceFirstString(b, r, "{\"a\":[1,2,{\"b\":null}]}"); // wrong type: object
            case 4 -> b = nest(r.nextInt(5, 200)); // deep nesting
            case 5 -> { // invalid UTF-8 inside a string
                int at = indexAfterQuote(b, r);
                if (at > 0) {
                    b[at] = (byte) 0xC3;
                    if (at + 1 < b.length) {
                        b[at + 1] = (byte) 0x28;
                    }
                }
            }
            case 6 -> b = replaceFirstString(b, r, "9".repeat(r.nextInt(60, 5000))); // oversized value
            case 7 -> { // binary noise
                b = new byte[r.nextInt(1, 512)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
            }
            default -> b = replaceFirstString(b, r, "true"); // wrong type: boolean
        }
        return b;
    }

    /** Replaces one quoted string value (chosen at random) by raw JSON text. */
    private static byte[] replaceFirstString(byte[] b, SplittableRandom r, String rawJson) {
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
        int[] pick = strings.get(r.nextInt(strings.size()));
        return (s.substring(0, pick[0]) + rawJson + s.substring(pick[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexAfterQuote(byte[] b, SplittableRandom r) {
        for (int tries = 0; tries < 20; tries++) {
            int i = r.nextInt(b.length);
            if (b[i] == '"' && i + 1 < b.length) {
                return i + 1;
            }
        }
        return -1;
    }

    private static byte[] nest(int depth) {
        return ("{\"channel\":\"ticker\",\"events\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static List<byte[]> seeds(String folder, String... names) throws IOException {
        List<byte[]> list = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = DecoderFuzzTest.class.getResourceAsStream("/fixtures/" + folder + "/" + name)) {
                if (in == null) {
                    throw new IOException("missing fixture " + folder + "/" + name);
                }
                list.add(in.readAllBytes());
            }
        }
        return list;
    }
}
