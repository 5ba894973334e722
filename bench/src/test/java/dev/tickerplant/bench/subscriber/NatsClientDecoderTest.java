package dev.tickerplant.bench.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscriber's core-NATS decoder: operations split anywhere across reads, payloads handed over in place. */
class NatsClientDecoderTest {

    private final List<String> payloads = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int pongs;

    private final NatsClientDecoder.Listener listener = new NatsClientDecoder.Listener() {
        @Override
        public void onMessage(ChannelHandlerContext ctx, ByteBuf buffer, int from, int to) {
            payloads.add(buffer.toString(from, to - from, StandardCharsets.US_ASCII));
        }

        @Override
        public void onPong(ChannelHandlerContext ctx) {
            pongs++;
        }

        @Override
        public void onError(ChannelHandlerContext ctx, String message) {
            errors.add(message);
        }
    };

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void messagesArriveWholeHoweverTheStreamIsCut() {
        String payload = "{\"type\":\"ticker\",\"seq\":7,\"note\":\"has \\r\\n MSG inside\"}";
        String stream = "INFO {\"server_id\":\"x\",\"max_payload\":1048576}\r\n"
                + "MSG tickerplant.ticker.BTC-USD 1 " + payload.length() + "\r\n" + payload + "\r\n"
                + "msg tickerplant.ticker.ETH-USD 1 _INBOX.reply 2\r\nhi\r\n"
                + "MSG tickerplant.ticker.X 1 0\r\n\r\n"
                + "PONG\r\n+OK\r\n-ERR 'Slow Consumer Detected'\r\n";
        for (int cut = 1; cut < stream.length(); cut += 7) {
            payloads.clear();
            errors.clear();
            pongs = 0;
            EmbeddedChannel channel = new EmbeddedChannel(new NatsClientDecoder(listener));
            for (int i = 0; i < stream.length(); i += cut) {
                channel.writeInbound(ascii(stream.substring(i, Math.min(stream.length(), i + cut))));
            }
            assertEquals(List.of(payload, "hi", ""), payloads, "cut every " + cut);
            assertEquals(1, pongs);
            assertEquals(List.of("-ERR 'Slow Consumer Detected'"), errors);
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        EmbeddedChannel channel = new EmbeddedChannel(new NatsClientDecoder(listener));
        channel.writeInbound(ascii("PING\r\n"));
        ByteBuf written = channel.readOutbound();
        assertEquals("PONG\r\n", written.toString(StandardCharsets.US_ASCII));
        written.release();
        assertTrue(payloads.isEmpty());
        channel.finishAndReleaseAll();
    }

    @Test
    void theSizeIsTheLastFieldOfTheMsgLine() {
        ByteBuf line = ascii("MSG a.b 12 _INBOX.x 4096");
        assertEquals(4096, NatsClientDecoder.trailingNumber(line, 0, line.writerIndex()));
        ByteBuf noSize = ascii("MSG a.b 12 x");
        assertEquals(-1, NatsClientDecoder.trailingNumber(noSize, 0, noSize.writerIndex()));
    }
}
