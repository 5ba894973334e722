package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.AsciiField;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TickerUpdateJsonTest {

    @Test
    void tickerUpdateCarriesCryptoPriceAsANumberSeqAndTheExactTicker() {
        TickEvent event = new TickEvent();
        event.ticker.productId.set("BTC-USD");
        event.ticker.field(TickField.PRICE).set("84737.58");
        event.ticker.exchangeSequence = -1;
        event.ticker.tradeId = -1;
        event.globalSeq = 42;
        JsonBytes json = new JsonBytes(256);
        TickerUpdateJson.write(json, event.ticker, 42, 0);
        String text = json.toString();
        assertTrue(text.startsWith("42[\"ticker_update\",{\"crypto\":\"BTC\",\"product_id\":\"BTC-USD\","
                + "\"price\":84737.58,\"seq\":42,\"ticker\":{\"type\":\"ticker\",\"seq\":42,\"product_id\":\"BTC-USD\","
                + "\"price\":\"84737.58\""), text);
        assertTrue(text.endsWith("}}]"), text);
    }

    @Test
    void encodingIsOneCompleteTextFrame() {
        TickEvent event = new TickEvent();
        event.ticker.productId.set("ETH-USD");
        event.ticker.field(TickField.PRICE).set("3000.1");
        event.ticker.exchangeSequence = -1;
        event.ticker.tradeId = -1;
        ByteBuf out = Unpooled.buffer();
        new SocketIoEncoding().encode(event, out);
        int header = ForwardedEvents.headerLength(out, 0);
        assertEquals(out.readableBytes() - header, WebSocketFrames.headerLength(out.readableBytes() - header) == 2
                ? out.getByte(1) & 0x7F : out.getUnsignedShort(2));
        assertTrue(out.toString(header, out.readableBytes() - header, StandardCharsets.UTF_8)
                .startsWith("42[\"ticker_update\",{\"crypto\":\"ETH\",\"product_id\":\"ETH-USD\",\"price\":3000.1,"));
    }

    @Test
    void onlyPlainDecimalsAreWrittenAsNumbers() {
        for (String ok : new String[] {"0", "0.0123", "84737.58", "-1.5", "10"}) {
            assertTrue(TickerUpdateJson.isJsonNumber(field(ok)), ok);
        }
        for (String bad : new String[] {"", "01", ".5", "5.", "1e5", "NaN", "1.2.3", "-"}) {
            assertFalse(TickerUpdateJson.isJsonNumber(field(bad)), bad);
        }
    }

    @Test
    void forwardedNativeMessagesKeepTheirObject() {
        byte[] alert = "{\"type\":\"volume_alert\",\"product_id\":\"ETH-USD\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuf source = Unpooled.buffer().writeBytes(new byte[] {9, 9});
        int index = source.writerIndex();
        WebSocketFrames.appendText(source, alert, 0, alert.length);
        ByteBuf event = ForwardedEvents.event(ForwardedEvents.VOLUME_ALERT, source, index,
                source.writerIndex() - index, Unpooled.buffer().alloc());
        int header = ForwardedEvents.headerLength(event, 0);
        assertEquals("42[\"volume_alert\",{\"type\":\"volume_alert\",\"product_id\":\"ETH-USD\"}]",
                event.toString(header, event.readableBytes() - header, StandardCharsets.UTF_8));
        assertEquals(event.readableBytes() - header, event.getByte(1) & 0x7F);
        event.release();
    }

    private static AsciiField field(String s) {
        AsciiField f = new AsciiField();
        f.set(s);
        return f;
    }
}
