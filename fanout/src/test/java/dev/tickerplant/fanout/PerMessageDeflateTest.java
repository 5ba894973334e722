package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate on {@code /ws}: a client that offers it gets tick frames deflated once per tick and shared,
 * which inflate (each on its own, as no context is taken over) to exactly the JSON a plain client gets; a client that
 * does not offer it, or offers terms the shared frames cannot meet, or any client while the setting is off, gets plain
 * frames; the client's own compressed messages are understood.
 */
class PerMessageDeflateTest {
    private static final int TICKS = 200;

    private Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void anOfferingClientGetsSharedCompressedFramesThatInflateToThePlainOnes() {
        harness = new Harness(Harness.options());
        WebSocketClient plain = harness.client();
        WebSocketClient deflating = deflating(WebSocketClient.DEFLATE_OFFER);
        String agreed = deflating.header("Sec-WebSocket-Extensions");
        assertEquals("permessage-deflate;server_no_context_takeover", agreed,
                "the server takes over no context, unasked; the client's own it leaves alone, as it was not offered");
        assertNull(plain.header("Sec-WebSocket-Extensions"));
        Harness.subscribe(plain, "[\"*\"]", false);
        Harness.subscribe(deflating, "[\"*\"]", false);

        publish(TICKS);
        List<WebSocketClient.Frame> plainFrames = tickerFrames(plain, TICKS);
        List<WebSocketClient.Frame> deflatedFrames = tickerFrames(deflating, TICKS);
        for (int i = 0; i < TICKS; i++) {
            assertFalse(plainFrames.get(i).compressed(), "a client that did not offer it gets plain frames");
            assertTrue(deflatedFrames.get(i).compressed(), "tick " + i + " came compressed");
            assertEquals(plainFrames.get(i).text(), deflatedFrames.get(i).text(), "tick " + i);
        }
    }

    @Test
    void anOfferedClientNoContextTakeoverIsAgreedToo() {
        harness = new Harness(Harness.options());
        WebSocketClient client = deflating("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; "
                + "server_max_window_bits=15");
        String agreed = client.header("Sec-WebSocket-Extensions");
        assertTrue(agreed.contains("server_no_context_takeover") && agreed.contains("client_no_context_takeover"),
                "answer: " + agreed);
        client.sendCompressed("{\"type\":\"ping\"}");
        client.sendCompressed("{\"type\":\"ping\"}");
        client.nextJson("pong");
        client.nextJson("pong");
    }

    @Test
    void oneCompressedFrameIsSharedByEveryClientThatAgreed() {
        harness = new Harness(Harness.options());
        List<WebSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebSocketClient client = deflating(WebSocketClient.DEFLATE_OFFER);
            Harness.subscribe(client, i == 0 ? "[\"*\"]" : "[\"BTC-USD\",\"ETH-USD\"]", false);
            clients.add(client);
        }
        long before = harness.server.framesCompressed();
        publish(TICKS);
        List<WebSocketClient.Frame> all = tickerFrames(clients.get(0), TICKS);
        assertTrue(all.stream().allMatch(WebSocketClient.Frame::compressed));
        for (WebSocketClient some : clients.subList(1, 3)) {
            List<WebSocketClient.Frame> frames = tickerFrames(some, TICKS / Harness.PRODUCTS.size() * 2);
            assertTrue(frames.stream().allMatch(WebSocketClient.Frame::compressed));
        }
        assertEquals(TICKS, harness.server.framesCompressed() - before, "each tick deflated once for three clients");

        clients.forEach(WebSocketClient::close);
        TickDispatcher dispatcher = harness.server.dispatcher();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().subscriberCount() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.outstandingSlices() == 0);
    }

    @Test
    void aCompressedCommandIsUnderstood() {
        harness = new Harness(Harness.options());
        WebSocketClient deflating = deflating(WebSocketClient.DEFLATE_OFFER);
        deflating.sendCompressed("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\"],\"snapshot\":false}");
        deflating.nextJson("subscriptions");
        publish(Harness.PRODUCTS.size());
        WebSocketClient.Frame tick = tickerFrames(deflating, 1).get(0);
        assertEquals("SOL-USD", Json.object(tick.text()).get("product_id"), "subscribed by a compressed command");
        deflating.sendCompressed("{\"type\":\"ping\"}");
        deflating.nextJson("pong");
    }

    @Test
    void aCompressedMessageWithoutAgreementClosesWithProtocolError() {
        harness = new Harness(Harness.options());
        WebSocketClient plain = harness.client();
        // Binary: a text message's compressed bytes already fail RFC 6455's UTF-8 check (1007) before this one.
        plain.sendCompressed(WebSocketClient.BINARY, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        plain.assertClosedWith(1002, NativeFrameHandler.UNAGREED_RSV);
    }

    @Test
    void anOfferTheSharedFramesCannotMeetGetsNoCompression() {
        harness = new Harness(Harness.options());
        WebSocketClient narrowWindow =
                deflating("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10");
        assertNull(narrowWindow.header("Sec-WebSocket-Extensions"), "declined");
        assertPlainTicks(narrowWindow);
    }

    @Test
    void withCompressionOffNobodyGetsIt() {
        harness = new Harness(Harness.options().withWebSocketCompression(false));
        WebSocketClient offering = deflating(WebSocketClient.DEFLATE_OFFER);
        assertNull(offering.header("Sec-WebSocket-Extensions"));
        assertPlainTicks(offering);
        assertEquals(0, harness.server.framesCompressed());
    }

    private void assertPlainTicks(WebSocketClient client) {
        Harness.subscribe(client, "[\"*\"]", false);
        publish(20);
        assertTrue(tickerFrames(client, 20).stream().noneMatch(WebSocketClient.Frame::compressed));
    }

    private WebSocketClient deflating(String offer) {
        WebSocketClient client = harness.track(WebSocketClient.to(harness.port(), "/ws").header(offer)
                .skipping(text -> Json.hasType(text, "heartbeat")).connect());
        client.nextJson("welcome");
        return client;
    }

    private void publish(int ticks) {
        for (int i = 0; i < ticks; i++) {
            harness.market.tick(Harness.PRODUCTS.get(i % Harness.PRODUCTS.size()), "4" + i + ".125");
        }
    }

    /** The next {@code n} ticker messages as they came, heartbeats passed over. */
    private static List<WebSocketClient.Frame> tickerFrames(WebSocketClient client, int n) {
        List<WebSocketClient.Frame> frames = new ArrayList<>();
        while (frames.size() < n) {
            WebSocketClient.Frame frame = client.nextFrame();
            assertFalse(frame.isClose(), () -> "closed: " + frame.closeCode() + " " + frame.closeReason());
            if (Json.hasType(frame.text(), "heartbeat")) {
                continue;
            }
            assertEquals("ticker", Json.object(frame.text()).get("type"), frame.text());
            frames.add(frame);
        }
        return frames;
    }
}
