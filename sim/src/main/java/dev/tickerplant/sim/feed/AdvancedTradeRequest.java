package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * An Advanced Trade client message: {@code {"type":"subscribe","channel":"ticker","product_ids":[...],"jwt":"..."}}.
 *
 * @param channel    the single channel; null when absent
 * @param productIds null when absent (heartbeats, or "the whole channel" on unsubscribe)
 * @param jwt        null when absent
 */
record AdvancedTradeRequest(boolean subscribe, String channel, List<String> productIds, String jwt) {

    static AdvancedTradeRequest parse(String text) throws MalformedRequestException {
        try (JsonParser parser = RequestReader.open(text)) {
            String type = null;
            String channel = null;
            List<String> productIds = null;
            String jwt = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                switch (field) {
                    case "type" -> type = RequestReader.string(parser, field);
                    case "channel" -> channel = RequestReader.string(parser, field);
                    case "product_ids" -> productIds = RequestReader.strings(parser, field);
                    case "jwt" -> jwt = RequestReader.string(parser, field);
                    default -> {
                        parser.nextToken();
                        parser.skipChildren();
                    }
                }
            }
            if (!"subscribe".equals(type) && !"unsubscribe".equals(type)) {
                throw new MalformedRequestException("type: " + type + " (expected: subscribe or unsubscribe)");
            }
            return new AdvancedTradeRequest(type.equals("subscribe"), channel, productIds == null ? null : List.copyOf(productIds), jwt);
        } catch (IOException e) {
            throw RequestReader.invalidJson();
        }
    }
}
