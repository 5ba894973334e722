package dev.tickerplant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BusHealthTest {

    @Test
    void aFanoutNodeIsReadyOnceConnectedAndCaughtUp() {
        BusHealth catchingUp = BusHealth.parse("{\"status\":\"down\",\"bus\":{\"role\":\"fanout\",\"connected\":true,"
                + "\"server\":\"nats://127.0.0.1:4223\",\"unreachable_ms\":0,\"unreachable_threshold_ms\":10000,"
                + "\"caught_up\":false,\"delivered\":120,\"last_seq\":120,\"consumer_lag\":880,\"malformed\":0,"
                + "\"ingest_nodes\":1}}");
        assertFalse(catchingUp.fanoutReady());
        assertEquals(880, catchingUp.lag());
        BusHealth ready = BusHealth.parse("{\"bus\":{\"role\":\"fanout\",\"connected\":true,\"caught_up\":true,"
                + "\"delivered\":1000,\"consumer_lag\":0}}");
        assertTrue(ready.fanoutReady());
        assertEquals(1000, ready.delivered());
    }

    @Test
    void anIngestNodeReportsWhatTheStreamStored() {
        BusHealth ingest = BusHealth.parse("{\"bus\":{\"role\":\"publisher\",\"connected\":true,\"stored\":5000,"
                + "\"duplicates\":0,\"retried\":2,\"dropped\":7,\"pending_acks\":3,\"buffered\":0}}");
        assertEquals(5000, ingest.stored());
        assertEquals(7, ingest.dropped());
        assertFalse(ingest.fanoutReady(), "an ingest node serves no subscribers");
    }

    @Test
    void aNodeWithoutTheBusIsNamedAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusHealth.parse("{\"status\":\"ok\"}"));
        assertEquals("no \"bus\" object in /health (is the node running with --nats-url?): {\"status\":\"ok\"}",
                e.getMessage());
    }
}
