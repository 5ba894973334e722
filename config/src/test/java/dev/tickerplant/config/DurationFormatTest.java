package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationFormatTest {

    @Test
    void parsesUnitsAndIso8601() {
        assertEquals(Optional.of(Duration.ofMillis(250)), DurationFormat.parse("250ms"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), DurationFormat.parse("5s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), DurationFormat.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), DurationFormat.parse("1h"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), DurationFormat.parse("5 s"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), DurationFormat.parse("PT5S"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), DurationFormat.parse("PT1.5S"));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertEquals(Optional.empty(), DurationFormat.parse("5"));
        assertEquals(Optional.empty(), DurationFormat.parse("1.5s"));
        assertEquals(Optional.empty(), DurationFormat.parse("5sec"));
        assertEquals(Optional.empty(), DurationFormat.parse("5S"));
        assertEquals(Optional.empty(), DurationFormat.parse("PT"));
        assertEquals(Optional.empty(), DurationFormat.parse("999999999999999999h"));
    }

    @Test
    void recognisesBareNumbers() {
        assertTrue(DurationFormat.isBareNumber("10"));
        assertTrue(DurationFormat.isBareNumber("2.5"));
        assertTrue(DurationFormat.isBareNumber("-3"));
        assertFalse(DurationFormat.isBareNumber("10s"));
    }

    @Test
    void formatsInTheLargestWholeUnit() {
        assertEquals("250ms", DurationFormat.format(Duration.ofMillis(250)));
        assertEquals("30s", DurationFormat.format(Duration.ofSeconds(30)));
        assertEquals("90s", DurationFormat.format(Duration.ofSeconds(90)));
        assertEquals("2m", DurationFormat.format(Duration.ofMinutes(2)));
        assertEquals("24h", DurationFormat.format(Duration.ofHours(24)));
        assertEquals("0s", DurationFormat.format(Duration.ZERO));
        assertEquals("PT0.0000015S", DurationFormat.format(Duration.ofNanos(1500)));
    }
}
