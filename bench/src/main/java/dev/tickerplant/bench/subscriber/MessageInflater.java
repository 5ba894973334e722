package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the daemon's permessage-deflate messages (RSV1 set) for one client, with one {@link Inflater} reset per
 * message, which is valid because the daemon takes over no context. Netty's own client decoder builds a decoder
 * channel and an inflater per message when there is no context takeover, which cost the subscriber process more than
 * the daemon spends delivering; browsers inflate in native code.
 */
final class MessageInflater extends MessageToMessageDecoder<TextWebSocketFrame> {
    private static final int RSV1 = 0x4;
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final Inflater inflater = new Inflater(true);
    private byte[] input = new byte[1024];
    private byte[] output = new byte[4096];

    MessageInflater() {
        super(TextWebSocketFrame.class);
    }

    @Override
    public boolean acceptInboundMessage(Object msg) throws Exception {
        return super.acceptInboundMessage(msg) && (((TextWebSocketFrame) msg).rsv() & RSV1) != 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame frame, List<Object> out) {
        ByteBuf content = frame.content();
        int n = content.readableBytes();
        if (input.length < n + TAIL.length) {
            input = new byte[Integer.highestOneBit(n + TAIL.length) << 1];
        }
        content.getBytes(content.readerIndex(), input, 0, n);
        System.arraycopy(TAIL, 0, input, n, TAIL.length);
        inflater.reset();
        inflater.setInput(input, 0, n + TAIL.length);
        int produced = 0;
        try {
            while (true) {
                produced += inflater.inflate(output, produced, output.length - produced);
                if (produced < output.length) {
                    break;
                }
                output = Arrays.copyOf(output, output.length * 2);
            }
        } catch (DataFormatException e) {
            throw new CorruptedFrameException("compressed message does not inflate: " + e.getMessage(), e);
        }
        out.add(new TextWebSocketFrame(true, 0, ctx.alloc().heapBuffer(produced).writeBytes(output, 0, produced)));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inflater.end();
    }
}
