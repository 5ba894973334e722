package dev.tickerplant.sim.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void formatsUnitsWithExactlyTheScaleDigits() {
        assertEquals("21932.98", Decimals.format(2193298, 2));
        assertEquals("0.00000950", Decimals.format(950, 8));
        assertEquals("0.01", Decimals.format(1, 2));
        assertEquals("0.00", Decimals.format(0, 2));
        assertEquals("-4.50", Decimals.format(-450, 2));
        assertEquals("15460", Decimals.format(15460, 0));
    }

    @Test
    void incrementIsOneUnit() {
        assertEquals("0.00000001", Decimals.increment(8));
        assertEquals("1", Decimals.increment(0));
    }

    @Test
    void roundsToUnitsHalfEven() {
        assertEquals(2193298, Decimals.toUnits(new BigDecimal("21932.975"), 2));
        assertEquals(12, Decimals.toUnits(0.125, 2));
        assertEquals(100_000_000L, Decimals.unitsPerWhole(8));
    }

    @Test
    void rejectsScalesALongCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Decimals.format(1, 19));
        assertEquals("scale: 19 (expected: 0..18)", e.getMessage());
    }
}
