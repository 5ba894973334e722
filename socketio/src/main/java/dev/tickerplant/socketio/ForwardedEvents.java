package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.WebSocketFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Native messages the fanout hands its plug-ins as complete WebSocket frames ({@code volume_alert}, {@code status}),
 * re-framed as Socket.IO events with the same JSON object: {@code 42["volume_alert",{"type":"volume_alert",...}]}.
 */
final class ForwardedEvents {
    static final String VOLUME_ALERT = "volume_alert";
    static final String STATUS = "status";

    private ForwardedEvents() {
    }

    /** The event frame for the native frame {@code [index, index + length)} of {@code source}; the caller owns it. */
    static ByteBuf event(String name, ByteBuf source, int index, int length, ByteBufAllocator alloc) {
        int header = headerLength(source, index);
        int payload = length - header;
        byte[] prefix = ("42[\"" + name + "\",").getBytes(StandardCharsets.US_ASCII);
        int eventLength = prefix.length + payload + 1;
        ByteBuf frame = alloc.directBuffer(WebSocketFrames.headerLength(eventLength) + eventLength);
        WebSocketFrames.writeTextHeader(frame, eventLength);
        frame.writeBytes(prefix).writeBytes(source, index + header, payload).writeByte(']');
        return frame;
    }

    /** The Socket.IO event ({@code 2["name",{...}]}) for the native frame {@code [index, index + length)}. */
    static String eventText(String name, ByteBuf source, int index, int length) {
        int header = headerLength(source, index);
        return "2[\"" + name + "\"," + source.toString(index + header, length - header, StandardCharsets.UTF_8) + "]";
    }

    /**
     * The text of the (unmasked, server-written) frame {@code [index, index + length)} of {@code source}: an Engine.IO
     * message packet ({@code 42[...]}) as a long-polling body carries it.
     */
    static String packetText(ByteBuf source, int index, int length) {
        int header = headerLength(source, index);
        return source.toString(index + header, length - header, StandardCharsets.UTF_8);
    }

    /** The length of the (unmasked, server-written) frame header at {@code index}. */
    static int headerLength(ByteBuf frame, int index) {
        int length7 = frame.getByte(index + 1) & 0x7F;
        return length7 < 126 ? 2 : length7 == 126 ? 4 : 10;
    }
}
