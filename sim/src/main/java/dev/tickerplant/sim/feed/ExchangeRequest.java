package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Exchange feed client message: {@code {"type":"subscribe","product_ids":[...],"channels":["ticker",
 * {"name":"heartbeat","product_ids":[...]}]}}.
 *
 * @param type       as sent; validated by the session, which owns the error wording
 * @param productIds the top-level ids; empty when absent
 * @param channels   null when the field is absent
 */
record ExchangeRequest(String type, List<String> productIds, List<Channel> channels) {

    /**
     * One element of {@code channels}: a bare name, or an object with its own ids.
     *
     * @param productIds null for a bare name or an object without {@code product_ids}
     */
    record Channel(String name, List<String> productIds) {
    }

    static ExchangeRequest parse(String text) throws MalformedRequestException {
        try (JsonParser parser = RequestReader.open(text)) {
            String type = null;
            List<String> productIds = List.of();
            List<Channel> channels = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                switch (field) {
                    case "type" -> type = RequestReader.string(parser, field);
                    case "product_ids" -> {
                        List<String> ids = RequestReader.strings(parser, field);
                        productIds = ids == null ? List.of() : List.copyOf(ids);
                    }
                    case "channels" -> channels = channels(parser);
                    default -> {
                        parser.nextToken();
                        parser.skipChildren();
                    }
                }
            }
            return new ExchangeRequest(type, productIds, channels);
        } catch (IOException e) {
            throw RequestReader.invalidJson();
        }
    }

    private static List<Channel> channels(JsonParser parser) throws IOException, MalformedRequestException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedRequestException("channels: " + token + " (expected: an array)");
        }
        List<Channel> channels = new ArrayList<>();
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_STRING) {
                channels.add(new Channel(parser.getText(), null));
            } else if (token == JsonToken.START_OBJECT) {
                channels.add(channelObject(parser));
            } else {
                throw new MalformedRequestException("channels element: " + token + " (expected: a name or an object)");
            }
        }
        return List.copyOf(channels);
    }

    private static Channel channelObject(JsonParser parser) throws IOException, MalformedRequestException {
        String name = null;
        List<String> ids = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            switch (field) {
                case "name" -> name = RequestReader.string(parser, "channels.name");
                case "product_ids" -> ids = RequestReader.strings(parser, "channels.product_ids");
                default -> {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        }
        if (name == null) {
            throw new MalformedRequestException("channels element without a name (expected: {\"name\":...})");
        }
        return new Channel(name, ids == null ? null : List.copyOf(ids));
    }
}
