package dev.tickerplant.sim.feed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** Encodes one message straight into a Netty buffer, which is released if the encoding fails. */
final class Buffers {

    private Buffers() {
    }

    static ByteBuf write(ByteBufAllocator allocator, Consumer<OutputStream> message) {
        ByteBuf buffer = allocator.buffer(256);
        try {
            message.accept(new ByteBufOutputStream(buffer));
            return buffer;
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
    }
}
