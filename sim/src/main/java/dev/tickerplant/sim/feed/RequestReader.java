package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for reading client requests with jackson-core's streaming parser. */
final class RequestReader {

    private RequestReader() {
    }

    static JsonParser open(String text) throws MalformedRequestException {
        try {
            JsonParser parser = Json.FACTORY.createParser(text);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRequestException("request is not a JSON object");
            }
            return parser;
        } catch (IOException e) {
            throw new MalformedRequestException("request is not valid JSON");
        }
    }

    /** A string value or null; anything else is malformed. */
    static String string(JsonParser parser, String field) throws IOException, MalformedRequestException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedRequestException(field + ": " + token + " (expected: a string)");
        }
        return parser.getText();
    }

    /** An array of strings, or null when the value is null. */
    static List<String> strings(JsonParser parser, String field) throws IOException, MalformedRequestException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedRequestException(field + ": " + token + " (expected: an array of strings)");
        }
        return stringsOfOpenArray(parser, field);
    }

    static List<String> stringsOfOpenArray(JsonParser parser, String field) throws IOException, MalformedRequestException {
        List<String> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING) {
                throw new MalformedRequestException(field + " element: " + token + " (expected: a string)");
            }
            values.add(parser.getText());
        }
        return values;
    }

    static MalformedRequestException invalidJson() {
        return new MalformedRequestException("request is not valid JSON");
    }
}
