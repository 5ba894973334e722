package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** A batch grows its arrays with its entries, up to its capacity, and keeps every entry and range as it grows. */
class FrameBatchTest {

    @Test
    void entriesAndRangesSurviveGrowthAndUnusedEncodingsHaveNoBytes() {
        FrameBatch batch = new FrameBatch(new LoopFanout[0], 2);
        ByteBuf out = batch.output(FrameBatch.NATIVE, UnpooledByteBufAllocator.DEFAULT);
        for (int i = 0; i < FrameBatch.CAPACITY; i++) {
            int entry = batch.add(FrameBatch.TICKER, i % 7, 100 + i, 5L * i, i / 4.0, 1000 + i, -1);
            int start = out.writerIndex();
            out.writeZero(3);
            batch.encoded(FrameBatch.NATIVE, entry, start, out.writerIndex());
        }
        assertEquals(true, batch.isFull());
        assertEquals(FrameBatch.CAPACITY, batch.kinds.length, "grown to the capacity, not beyond");
        for (int i = 0; i < FrameBatch.CAPACITY; i++) {
            assertEquals(i % 7, batch.products[i]);
            assertEquals(100 + i, batch.seqs[i]);
            assertEquals(5L * i, batch.receivedNanos[i]);
            assertEquals(i / 4.0, batch.prices[i]);
            assertEquals(1000 + i, batch.exchangeSequences[i]);
            assertEquals(3 * i, batch.start(FrameBatch.NATIVE, i));
            assertEquals(3 * i + 3, batch.end(FrameBatch.NATIVE, i));
            assertEquals(-1, batch.start(1, i), "the plug-in encoding was never used");
            assertEquals(-1, batch.start(FrameBatch.compressed(FrameBatch.NATIVE, 2), i));
        }

        batch.recycle();
        int entry = batch.add(FrameBatch.TICKER, 3, 7, 0, 1.0, -1, -1);
        assertEquals(-1, batch.start(FrameBatch.NATIVE, entry), "a recycled batch's ranges are empty again");
        assertEquals(1, batch.size);
    }

    @Test
    void aBatchOfAFewTicksStaysSmall() {
        FrameBatch batch = new FrameBatch(new LoopFanout[0], 4);
        for (int i = 0; i < 3; i++) {
            batch.add(FrameBatch.TICKER, i, i + 1, 0, 1.0, -1, -1);
        }
        assertEquals(FrameBatch.FIRST_CAPACITY, batch.seqs.length);
    }
}
