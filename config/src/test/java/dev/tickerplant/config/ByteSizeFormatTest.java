package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ByteSizeFormatTest {

    @Test
    void parsesBytesAndBinarySuffixesInAnyCase() {
        assertEquals(OptionalLong.of(65536), ByteSizeFormat.parse("65536"));
        assertEquals(OptionalLong.of(512 * 1024), ByteSizeFormat.parse("512KiB"));
        assertEquals(OptionalLong.of(8 * 1024 * 1024), ByteSizeFormat.parse("8mib"));
        assertEquals(OptionalLong.of(8 * 1024 * 1024), ByteSizeFormat.parse("8 MiB"));
    }

    @Test
    void rejectsDecimalUnitsAndFractions() {
        assertEquals(OptionalLong.empty(), ByteSizeFormat.parse("8MB"));
        assertEquals(OptionalLong.empty(), ByteSizeFormat.parse("1.5MiB"));
        assertEquals(OptionalLong.empty(), ByteSizeFormat.parse("-1"));
    }

    @Test
    void formatsInTheLargestWholeUnit() {
        assertEquals("8MiB", ByteSizeFormat.format(8 * 1024 * 1024));
        assertEquals("1536KiB", ByteSizeFormat.format(1536 * 1024));
        assertEquals("1000", ByteSizeFormat.format(1000));
    }
}
