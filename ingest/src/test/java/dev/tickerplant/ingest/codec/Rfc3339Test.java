package dev.tickerplant.ingest.codec;

import static dev.tickerplant.ingest.codec.AdvancedTradeAdapterTest.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {
        "2023-02-09T20:30:37Z",
        "2019-08-14T20:42:27.265Z",
        "2022-10-19T23:28:22.061769Z",
        "2023-02-09T20:19:35.39625135Z",
        "2026-09-05T22:10:29.562008293Z",
        "2026-09-30T01:41:27.8Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00.5Z",
        "2000-02-29T00:00:00Z",
        "1677-09-21T00:12:44Z",
        "2262-04-11T23:47:16.854775807Z"
    })
    void utcTimestampsWithZeroToNineFractionalDigitsMatchInstantParse(String text) {
        assertEquals(nanos(text), parse(text));
    }

    @Test
    void namedFractionLengthsGiveTheRightNanos() {
        assertEquals(1_675_974_637_000_000_000L, parse("2023-02-09T20:30:37Z"));
        assertEquals(1_675_974_637_167_000_000L, parse("2023-02-09T20:30:37.167Z"));
        assertEquals(1_675_974_637_167_359_000L, parse("2023-02-09T20:30:37.167359Z"));
        assertEquals(1_675_974_637_167_359_590L, parse("2023-02-09T20:30:37.16735959Z"));
        assertEquals(1_675_974_637_167_359_596L, parse("2023-02-09T20:30:37.167359596Z"));
    }

    @Test
    void offsetsAreSubtractedToGiveUtc() {
        long utc = parse("2023-02-09T20:30:37.167359596Z");

        assertEquals(utc, parse("2023-02-10T02:00:37.167359596+05:30"));
        assertEquals(utc, parse("2023-02-09T12:30:37.167359596-08:00"));
        assertEquals(utc, parse("2023-02-09T20:30:37.167359596+00:00"));
        assertEquals(utc, parse("2023-02-09T20:30:37.167359596-00:00"));
        assertEquals(nanos("2023-02-09T12:30:37.167Z"), parse("2023-02-09T20:30:37.167+08:00"));
    }

    @Test
    void lowerCaseSeparatorsAreAccepted() {
        assertEquals(parse("2023-02-09T20:30:37.5Z"), parse("2023-02-09t20:30:37.5z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "2023-02-09",
        "2023-02-09T20:30:37",
        "2023-02-09T20:30:37.Z",
        "2023-02-09T20:30:37.1234567890Z",
        "2023-02-09 20:30:37Z",
        "2023-02-09T20:30:37ZZ",
        "2023-02-09T20:30:37+0530",
        "2023-02-09T20:30:37+24:00",
        "2023-02-30T20:30:37Z",
        "2023-02-29T20:30:37Z",
        "1900-02-29T20:30:37Z",
        "2023-13-09T20:30:37Z",
        "2023-00-09T20:30:37Z",
        "2023-02-09T24:00:00Z",
        "2023-02-09T20:60:00Z",
        "2023-12-31T23:59:60Z",
        "2023-02-09T20:30:3xZ",
        "+023-02-09T20:30:37Z",
        "2023/02/09T20:30:37Z",
        "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105",
        "2262-04-11T23:47:16.854775808Z",
        "1677-09-21T00:12:43Z",
        "9999-12-31T23:59:59Z"
    })
    void malformedImpossibleOrOutOfRangeTextGivesMinValue(String text) {
        assertEquals(Long.MIN_VALUE, parse(text));
    }

    @Test
    void parsesASliceOfALargerArray() {
        char[] c = "xx\"2023-02-09T20:30:37.167Z\"yy".toCharArray();

        assertEquals(nanos("2023-02-09T20:30:37.167Z"), Rfc3339.parseEpochNanos(c, 3, 24));
    }

    @Test
    void sliceOutsideTheArrayGivesMinValue() {
        char[] c = "2023-02-09T20:30:37Z".toCharArray();

        assertEquals(Long.MIN_VALUE, Rfc3339.parseEpochNanos(c, 1, c.length));
        assertEquals(Long.MIN_VALUE, Rfc3339.parseEpochNanos(c, -1, c.length));
        assertEquals(Long.MIN_VALUE, Rfc3339.parseEpochNanos(null, 0, 20));
    }

    private static long parse(String text) {
        return Rfc3339.parseEpochNanos(text.toCharArray(), 0, text.length());
    }
}
