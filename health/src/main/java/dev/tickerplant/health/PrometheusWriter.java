package dev.tickerplant.health;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Prometheus text exposition format 0.0.4: per family one {@code # HELP} and one {@code # TYPE} line, then
 * its samples, with help text and label values escaped as the format requires.
 */
final class PrometheusWriter {
    private final StringBuilder out = new StringBuilder(16 * 1024);

    void family(String name, Metric.Type type, String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.wireName()).append('\n');
    }

    void family(Metric metric) {
        family(metric.familyName(), metric.type(), metric.help());
    }

    void sample(String name, long value) {
        out.append(name).append(' ').append(value).append('\n');
    }

    void sample(String name, double value) {
        out.append(name).append(' ');
        number(value);
        out.append('\n');
    }

    void sample(String name, String label, String labelValue, long value) {
        labelled(name, label, labelValue);
        out.append(value).append('\n');
    }

    void sample(String name, String label, String labelValue, double value) {
        labelled(name, label, labelValue);
        number(value);
        out.append('\n');
    }

    ByteBuf toByteBuf() {
        return Unpooled.copiedBuffer(out, StandardCharsets.UTF_8);
    }

    private void labelled(String name, String label, String labelValue) {
        out.append(name).append('{').append(label).append("=\"");
        escape(labelValue, true);
        out.append("\"} ");
    }

    /** Go's float syntax: NaN, +Inf and -Inf spelled out; Java's other forms (1.5, 1.0E-4) parse as Go floats. */
    private void number(double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            out.append("+Inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            out.append("-Inf");
        } else {
            out.append(value);
        }
    }

    /** Help text escapes backslash and newline; label values also the double quote. */
    private void escape(String text, boolean quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '"' && quote) {
                out.append("\\\"");
            } else {
                out.append(c);
            }
        }
    }
}
