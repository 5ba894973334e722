package dev.tickerplant.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

    @Test
    void latencySummariesBecomeMicrosecondsPerStage() {
        String text = String.join("\n",
                "# TYPE tickerplant_receive_to_written_seconds summary",
                "tickerplant_receive_to_written_seconds{quantile=\"0.5\"} 1.25E-4",
                "tickerplant_receive_to_written_seconds{quantile=\"0.99\"} 0.002",
                "tickerplant_receive_to_written_seconds_sum 1.5",
                "tickerplant_receive_to_written_seconds_count 1200",
                "tickerplant_receive_to_written_seconds_max 0.0125",
                "tickerplant_uptime_seconds 42",
                "tickerplant_exchange_to_receive_seconds{quantile=\"0.5\"} NaN",
                "tickerplant_exchange_to_receive_seconds_count 0", "");
        Map<String, Map<String, Object>> stages = MetricsText.latencies(text);
        assertEquals(2, stages.size(), stages.toString());
        Map<String, Object> written = stages.get("receive_to_written");
        assertEquals(125.0, (double) written.get("p50_us"), 1e-9);
        assertEquals(2000.0, (double) written.get("p99_us"), 1e-9);
        assertEquals(12500.0, (double) written.get("max_us"), 1e-9);
        assertEquals(1200L, written.get("count"));
    }
}
