package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's writer on a real pipeline (WebSocket frame encoder in front of the session's handler): runs of a shared
 * buffer leave as views of it, not copies; consecutive ranges make one message; own bytes keep their place; nothing
 * leaves before the flush.
 */
class ClientWriterTest {
    private final ByteBuf shared = Unpooled.directBuffer(64).writeBytes("AAAABBBBCCCCDDDD".getBytes(StandardCharsets.US_ASCII));
    private EmbeddedChannel channel;
    private ClientWriter writer;

    @BeforeEach
    void pipeline() {
        ChannelInboundHandlerAdapter session = new ChannelInboundHandlerAdapter();
        channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false), session);
        ChannelHandlerContext ctx = channel.pipeline().context(session);
        writer = new ClientWriter(ctx);
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
        shared.release();
    }

    @Test
    void consecutiveRangesLeaveAsOneViewOfTheSharedBuffer() {
        writer.share(shared, 0, 4);
        writer.share(shared, 4, 8);
        writer.share(shared, 8, 12);
        assertTrue(writer.flush());

        ByteBuf out = channel.readOutbound();
        assertEquals("AAAABBBBCCCC", out.toString(StandardCharsets.US_ASCII));
        assertEquals(2, shared.refCnt(), "the message holds a reference to the shared buffer");
        shared.setByte(0, 'Z'); // a view sees the change, a copy would not
        assertEquals('Z', out.getByte(out.readerIndex()));
        assertNull(channel.readOutbound(), "one message for the whole run");
        out.release();
        assertEquals(1, shared.refCnt());
    }

    @Test
    void aGapStartsANewRunAndOwnBytesKeepTheirPlace() {
        writer.share(shared, 0, 4);
        writer.share(shared, 8, 12);
        writer.stage(16).writeBytes("own".getBytes(StandardCharsets.US_ASCII));
        writer.share(shared, 12, 16);
        writer.flush();

        assertEquals("AAAA", next());
        assertEquals("CCCC", next());
        assertEquals("own", next());
        assertEquals("DDDD", next());
        assertNull(channel.readOutbound());
        assertEquals(1, shared.refCnt(), "every slice released once written");
    }

    @Test
    void nothingLeavesBeforeTheFlushAndAnEmptyFlushIsNoFlush() {
        writer.share(shared, 0, 8);
        writer.writePending();
        assertNull(channel.readOutbound(), "written but not flushed");
        assertTrue(writer.flush());
        assertEquals("AAAABBBB", next());
        assertFalse(writer.flush(), "nothing written since");
    }

    @Test
    void releaseDropsAnOpenRunWithoutTouchingTheSharedBuffer() {
        writer.share(shared, 0, 8);
        writer.release();
        assertFalse(writer.flush());
        assertEquals(1, shared.refCnt());
    }

    private String next() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }
}
