package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a slow client is given once it reads again: the newest tick per product and every message, in seq order. */
class ConflationTest {
    private static final int BTC = 0;
    private static final int ETH = 1;
    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final Conflation held = new Conflation();

    @Test
    void keepsTheNewestTickPerProductInSeqOrder() {
        assertFalse(hold(BTC, 1, "btc-1"));
        assertFalse(hold(ETH, 2, "eth-2"));
        assertTrue(hold(BTC, 3, "btc-3"), "replacing a held tick is a drop");

        assertEquals(List.of("eth-2", "btc-3"), drain());
        assertTrue(held.isEmpty());
    }

    @Test
    void messagesDoNotOvertakeTheTicksBeforeThem() {
        hold(BTC, 1, "btc-1");
        message(1, "alert-after-1");
        hold(ETH, 2, "eth-2");
        message(2, "status-after-2");
        hold(BTC, 3, "btc-3"); // replaces btc-1: the alert now has nothing before it

        assertEquals(List.of("alert-after-1", "eth-2", "status-after-2", "btc-3"), drain());
    }

    @Test
    void aSnapshotOrReplayDiscardsWhatItCarried() {
        hold(BTC, 5, "btc-5");
        hold(ETH, 6, "eth-6");
        held.discard(BTC, 5);
        assertEquals(List.of("eth-6"), drain());

        hold(BTC, 7, "btc-7");
        hold(ETH, 9, "eth-9");
        held.discardUpTo(8);
        assertEquals(List.of("eth-9"), drain());
    }

    @Test
    void anUnsubscribedProductsHeldTickGoesAndTheOthersStay() {
        hold(BTC, 1, "btc-1");
        hold(ETH, 2, "eth-2");
        hold(2, 3, "sol-3");

        held.discardUnless(product -> product != ETH);

        assertEquals(List.of("btc-1", "sol-3"), drain());
    }

    @Test
    void messagesBeyondTheBoundDropTheOldest() {
        for (int i = 0; i < Conflation.MAX_MESSAGES; i++) {
            assertFalse(message(i, "m" + i));
        }
        assertTrue(message(Conflation.MAX_MESSAGES, "last"));
        List<String> out = drain();
        assertEquals(Conflation.MAX_MESSAGES, out.size());
        assertEquals("m1", out.get(0));
        assertEquals("last", out.get(out.size() - 1));
    }

    private boolean hold(int product, long seq, String bytes) {
        ByteBuf source = alloc.buffer().writeBytes(("xx" + bytes).getBytes(StandardCharsets.US_ASCII));
        try {
            return held.hold(product, seq, source, 2, bytes.length(), alloc);
        } finally {
            source.release();
        }
    }

    private boolean message(long seq, String bytes) {
        ByteBuf source = alloc.buffer().writeBytes(bytes.getBytes(StandardCharsets.US_ASCII));
        try {
            return held.holdMessage(seq, source, 0, bytes.length(), alloc);
        } finally {
            source.release();
        }
    }

    private List<String> drain() {
        List<String> out = new ArrayList<>();
        held.drain(new Conflation.Sink() {
            @Override
            public void tick(ByteBuf bytes) {
                out.add(bytes.toString(StandardCharsets.US_ASCII));
                bytes.release();
            }

            @Override
            public void message(ByteBuf frame) {
                out.add(frame.toString(StandardCharsets.US_ASCII));
                frame.release();
            }
        });
        return out;
    }
}
