package dev.tickerplant.fanout.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TickHistoryTest {
    private static final int REPLAYS = 20_000;

    @Test
    void replaysHeldTicksInOrderAsFramesFilteredByProduct() {
        TickHistory history = new TickHistory(16);
        for (long seq = 1; seq <= 10; seq++) {
            append(history, seq, (int) (seq % 2), payload(seq, 20));
        }

        ByteBuf out = Unpooled.buffer();
        assertEquals(4, history.replay(3, 10, product -> product == 0, out));
        assertEquals(List.of(payload(4, 20), payload(6, 20), payload(8, 20), payload(10, 20)), frames(out));
        assertEquals(1, history.oldestSeq());
        assertEquals(10, history.lastSeq());
    }

    @Test
    void evictsByCountAndRefusesReplaysThatReachBeforeTheOldest() {
        TickHistory history = new TickHistory(16);
        for (long seq = 1; seq <= 40; seq++) {
            append(history, seq, 0, payload(seq, 10));
        }

        assertEquals(25, history.oldestSeq());
        assertEquals(-1, history.replay(10, 40, p -> true, Unpooled.buffer()));
        assertEquals(-1, history.replay(23, 40, p -> true, Unpooled.buffer()));
        ByteBuf out = Unpooled.buffer();
        assertEquals(16, history.replay(24, 40, p -> true, out));
        assertEquals(payload(25, 10), frames(out).get(0));
    }

    @Test
    void evictsByBytesWhenPayloadsAreLargeAndReplaysAcrossTheWrap() {
        TickHistory history = new TickHistory(1024); // 512 KiB of payload room
        int size = 50_000;
        for (long seq = 1; seq <= 30; seq++) {
            append(history, seq, 0, payload(seq, size));
        }

        long oldest = history.oldestSeq();
        assertTrue(oldest > 1 && 30 - oldest + 1 <= 512 * 1024 / size, "oldest " + oldest);
        ByteBuf out = Unpooled.buffer();
        assertEquals((int) (30 - oldest + 1), history.replay(oldest - 1, 30, p -> true, out));
        List<String> frames = frames(out);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(payload(oldest + i, size), frames.get(i));
        }
    }

    @Test
    void aGapInSeqsStartsTheHistoryAfresh() {
        TickHistory history = new TickHistory(16);
        append(history, 100, 0, "a");
        append(history, 101, 0, "b");

        assertEquals(100, history.oldestSeq());
        assertEquals(-1, history.replay(50, 101, p -> true, Unpooled.buffer()));
        ByteBuf out = Unpooled.buffer();
        assertEquals(2, history.replay(99, 101, p -> true, out));
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertEquals("capacity: 1000 (expected: a power of two >= 2)",
                assertThrows(IllegalArgumentException.class, () -> new TickHistory(1000)).getMessage());
    }

    /** A reader racing the writer either gets exactly the ticks it asked for, or is told they are gone. */
    @Test
    void concurrentReplaysAreNeverTorn() throws InterruptedException {
        TickHistory history = new TickHistory(64);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            long seq = 1;
            while (!stop.get()) {
                append(history, seq, 0, payload(seq, 100 + (int) (seq % 300)));
                seq++;
            }
        });
        writer.start();
        int[] complete = {0};
        int[] refused = {0};
        try {
            // A number of replays rather than a span of time: a busy machine takes longer, it does not test less.
            await("replays completed while the writer appends").until(() -> {
                for (int i = 0; i < 1_000; i++) {
                    if (replayChecked(history)) {
                        complete[0]++;
                    } else {
                        refused[0]++;
                    }
                }
                return complete[0] >= REPLAYS;
            });
        } catch (AssertionError torn) {
            failure.set(torn);
        } finally {
            stop.set(true);
            writer.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("torn replay after " + complete[0] + " good ones (" + refused[0] + " refused)",
                    failure.get());
        }
    }

    /** Replays the newest 40 ticks and checks every frame; false when the writer had already overwritten them. */
    private static boolean replayChecked(TickHistory history) {
        long upTo = history.lastSeq();
        long after = Math.max(0, upTo - 40);
        ByteBuf out = Unpooled.buffer();
        if (history.replay(after, upTo, p -> true, out) < 0) {
            return false;
        }
        List<String> frames = frames(out);
        assertEquals(upTo - after, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            long seq = after + 1 + i;
            assertEquals(payload(seq, 100 + (int) (seq % 300)), frames.get(i));
        }
        return true;
    }

    private static void append(TickHistory history, long seq, int product, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        history.append(seq, product, bytes, bytes.length);
    }

    /** {"seq":N,"pad":"xxxx"} of the given total size, so a torn copy shows. */
    private static String payload(long seq, int size) {
        StringBuilder sb = new StringBuilder("{\"seq\":").append(seq).append(",\"pad\":\"");
        char c = (char) ('a' + seq % 26);
        while (sb.length() < size - 2) {
            sb.append(c);
        }
        return sb.append("\"}").toString();
    }

    static List<String> frames(ByteBuf buf) {
        List<String> frames = new ArrayList<>();
        while (buf.isReadable()) {
            assertEquals(0x81, buf.readUnsignedByte());
            int len = buf.readUnsignedByte();
            if (len == 126) {
                len = buf.readUnsignedShort();
            } else if (len == 127) {
                len = (int) buf.readLong();
            }
            frames.add(buf.readCharSequence(len, StandardCharsets.US_ASCII).toString());
        }
        buf.release();
        return frames;
    }
}
