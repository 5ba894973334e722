package dev.tickerplant.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The per-connection figures /health and /api/upstream share; writes fields into an object the caller opened. */
final class ConnectionDetails {

    private ConnectionDetails() {
    }

    /**
     * {@code last_frame_age_ms} is null before the first frame; {@code uptime_s} (how long the current link has been
     * streaming) is null while the connection is not streaming.
     */
    static void write(JsonGenerator json, UpstreamStats stats, long nowNanos) throws IOException {
        boolean streaming = stats.streaming();
        long streamingSince = stats.streamingSinceNanos();
        long lastFrame = stats.lastFrameNanos();
        json.writeNumberField("id", stats.id);
        json.writeStringField("name", stats.name);
        json.writeStringField("state", stats.state().name().toLowerCase(Locale.ROOT));
        json.writeNumberField("products", stats.products.size());
        json.writeNumberField("acked", stats.ackedProducts());
        json.writeNumberField("flowing", stats.flowingProducts());
        json.writeNumberField("messages", stats.frames.sum());
        json.writeNumberField("tickers", stats.tickers.sum());
        json.writeNumberField("errors", stats.errorMessages.sum());
        json.writeNumberField("malformed", stats.malformedFrames.sum());
        json.writeNumberField("gaps", stats.sequenceGaps.sum());
        json.writeNumberField("reconnects", stats.reconnects.sum());
        json.writeNumberField("going_away", stats.goingAway.sum());
        JsonBody.numberOrNull(json, "last_frame_age_ms",
                lastFrame == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, nowNanos - lastFrame)));
        JsonBody.numberOrNull(json, "uptime_s",
                streaming && streamingSince != 0 ? TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nowNanos - streamingSince))
                        : -1);
    }
}
