package dev.tickerplant.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTimeTest {

    @Test
    void rendersNineFractionalDigitsForAdvancedTradeEnvelopes() {
        assertEquals("2026-09-05T22:10:29.562008293Z", WireTime.nanos(Instant.parse("2026-09-05T22:10:29.562008293Z")));
        assertEquals("2026-09-05T22:10:29.500000000Z", WireTime.nanos(Instant.parse("2026-09-05T22:10:29.5Z")));
    }

    @Test
    void rendersMicrosecondsForExchangeTimes() {
        assertEquals("2026-10-03T20:58:31.127510Z", WireTime.micros(Instant.parse("2026-10-03T20:58:31.127510999Z")));
    }

    @Test
    void rendersGoTimeStringWithMonotonicReading() {
        assertEquals("2026-09-05 22:10:30.25788961 +0000 UTC m=+139651.272674714",
                WireTime.go(Instant.parse("2026-09-05T22:10:30.257889610Z"), 139_651_272_674_714L));
        assertEquals("2026-09-05 22:10:30 +0000 UTC m=+0.000000005",
                WireTime.go(Instant.parse("2026-09-05T22:10:30Z"), 5));
    }
}
