package dev.tickerplant.health;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /metrics}: scrapes the routes' registry and writes it in the format the {@code Accept} header asks for,
 * OpenMetrics 1.0 for {@code application/openmetrics-text}, else the Prometheus text format 0.0.4.
 */
final class MetricsRoute {
    private static final int INITIAL_CAPACITY = 32 * 1024;

    private final PrometheusRegistry registry;
    /** The exporter's defaults (no created timestamps, no exemplars), whatever exporter properties the JVM has. */
    private final ExpositionFormats formats = ExpositionFormats.init(ExporterProperties.builder().build());

    MetricsRoute(PrometheusRegistry registry) {
        this.registry = registry;
    }

    FullHttpResponse answer(HttpVersion version, String accept) {
        ExpositionFormatWriter writer = writerFor(accept);
        ByteBuf body = Unpooled.buffer(INITIAL_CAPACITY);
        boolean written = false;
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            writer.write(out, registry.scrape());
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a ByteBuf does not fail
        } finally {
            if (!written) {
                body.release();
            }
        }
        return Responses.metrics(version, writer.getContentType(), body);
    }

    /**
     * The library's choice, except that its protobuf writer needs a module this build leaves out: a scraper that
     * prefers protobuf gets OpenMetrics if it also accepts that, else the text format every scraper reads.
     */
    private ExpositionFormatWriter writerFor(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (writer.isAvailable()) {
            return writer;
        }
        ExpositionFormatWriter openMetrics = formats.getOpenMetricsTextFormatWriter();
        return openMetrics.accepts(accept) ? openMetrics : formats.getPrometheusTextFormatWriter();
    }
}
