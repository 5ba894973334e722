package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    @Test
    void subscribeWithEveryFieldAndWithDefaults() throws CommandException {
        Command.Subscribe full = (Command.Subscribe) parse("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\","
                + "\"ETH-USD\",\"BTC-USD\"],\"channels\":[\"ticker\",\"alerts\"],\"min_change_pct\":0.5,"
                + "\"snapshot\":false,\"since_seq\":1234}");
        assertEquals(List.of("BTC-USD", "ETH-USD"), full.products());
        assertEquals(Set.of(Channel.TICKER, Channel.ALERTS), full.channels());
        assertEquals(OptionalDouble.of(0.5), full.minChangePct());
        assertFalse(full.snapshot());
        assertEquals(OptionalLong.of(1234), full.sinceSeq());

        Command.Subscribe minimal = (Command.Subscribe) parse("{\"type\":\"subscribe\",\"products\":[\"*\"]}");
        assertTrue(minimal.allProducts());
        assertEquals(Set.of(Channel.TICKER), minimal.channels());
        assertTrue(minimal.snapshot());
        assertTrue(minimal.minChangePct().isEmpty());
        assertTrue(minimal.sinceSeq().isEmpty());
    }

    @Test
    void otherCommands() throws CommandException {
        assertEquals(new Command.Ping(true), parse("{\"type\":\"ping\",\"stats\":true}"));
        assertEquals(new Command.Ping(false), parse("{\"type\":\"ping\"}"));
        assertEquals(new Command.GetStatus(), parse("{\"type\":\"get_status\"}"));
        assertEquals(new Command.GetProducts(), parse("{\"type\":\"get_products\",\"extra\":{\"ignored\":[1]}}"));
        Command.Unsubscribe u = (Command.Unsubscribe) parse("{\"type\":\"unsubscribe\",\"products\":[\"ETH-USD\"],"
                + "\"channels\":[\"status\"]}");
        assertEquals(List.of("ETH-USD"), u.products());
        assertEquals(Set.of(Channel.STATUS), u.channels());
    }

    @Test
    void malformedJsonIsBadJson() {
        assertError(ErrorCode.BAD_JSON, "{\"type\":", "invalid JSON");
        assertError(ErrorCode.BAD_JSON, "[1,2]", "expected a JSON object, got an array");
        assertError(ErrorCode.BAD_JSON, "", "expected a JSON object, got an empty message");
        assertError(ErrorCode.BAD_JSON, "{\"type\":\"ping\"} {}", "expected one JSON object");
        assertError(ErrorCode.BAD_JSON, "\"ping\"", "expected a JSON object, got \"ping\"");
    }

    @Test
    void missingOrWrongFieldsNameTheField() {
        assertEquals(Map.of("field", "type"), assertError(ErrorCode.BAD_REQUEST, "{}", "missing field type").details());
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":7}", "field type: expected a string, got 7");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\"}", "missing field products");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[]}",
                "field products: expected a non-empty array");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":\"BTC-USD\"}",
                "got \"BTC-USD\"");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[1]}",
                "expected product ids as non-empty strings, got 1");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[\"*\"],\"min_change_pct\":-1}",
                "field min_change_pct: expected a number from 0 to 100, got -1");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[\"*\"],\"snapshot\":\"yes\"}",
                "field snapshot: expected true or false, got \"yes\"");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[\"*\"],\"since_seq\":1.5}",
                "field since_seq: expected an integer >= 0");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"ping\",\"stats\":1}", "field stats: expected true or false");
    }

    @Test
    void nullOptionalNumbersAreAbsentButOtherNullsAreWrong() throws CommandException {
        Command.Subscribe s = (Command.Subscribe) parse("{\"type\":\"subscribe\",\"products\":[\"*\"],"
                + "\"min_change_pct\":null,\"since_seq\":null}");
        assertTrue(s.minChangePct().isEmpty() && s.sinceSeq().isEmpty());
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":null}", "field type: expected a string, got null");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"ping\",\"stats\":null}",
                "field stats: expected true or false, got null");
        assertError(ErrorCode.BAD_REQUEST, "{\"type\":\"subscribe\",\"products\":[\"*\"],"
                + "\"since_seq\":123456789012345678901234567890}", "got 123456789012345678901234567890");
    }

    @Test
    void commandsNestedDeeperThanSixteenLevelsAreBadJson() throws CommandException {
        String sixteen = "{\"type\":\"ping\",\"x\":" + "[".repeat(15) + "]".repeat(15) + "}";
        assertEquals(new Command.Ping(false), parse(sixteen));
        String seventeen = "{\"type\":\"ping\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}";
        assertError(ErrorCode.BAD_JSON, seventeen, "expected JSON nested at most 16 levels deep");
        assertError(ErrorCode.BAD_JSON, "[".repeat(100_000), "expected JSON nested at most 16 levels deep");
    }

    @Test
    void unknownChannelIsABadRequestListingTheChannels() {
        CommandException e = assertError(ErrorCode.BAD_REQUEST,
                "{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\",\"trades\"]}",
                "field channels: unknown channel \"trades\", expected ticker, status or alerts");
        assertEquals("trades", e.details().get("value"));
        assertEquals(List.of("ticker", "status", "alerts"), e.details().get("expected"));
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        CommandException e = assertError(ErrorCode.UNKNOWN_TYPE, "{\"type\":\"subscribe_all\"}",
                "unknown type \"subscribe_all\": expected one of subscribe, unsubscribe, ping, get_status, "
                        + "get_products");
        assertEquals("subscribe_all", e.details().get("type"));
    }

    private static Command parse(String json) throws CommandException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return CommandParser.parse(bytes, 0, bytes.length);
    }

    private static CommandException assertError(ErrorCode code, String json, String messagePart) {
        CommandException e = assertThrows(CommandException.class, () -> parse(json), json);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }
}
