package dev.tickerplant.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusWriterTest {

    @Test
    void escapesHelpAndLabelValuesAsTheFormatRequires() {
        PrometheusWriter out = new PrometheusWriter();
        out.family("tickerplant_build_info", Metric.Type.GAUGE, "a \\ backslash\nand a newline");
        out.sample("tickerplant_build_info", "version", "1.0 \"quoted\" \\ \n", 1);
        String page = text(out);
        assertEquals("""
                # HELP tickerplant_build_info a \\\\ backslash\\nand a newline
                # TYPE tickerplant_build_info gauge
                tickerplant_build_info{version="1.0 \\"quoted\\" \\\\ \\n"} 1
                """, page);
        ExpositionChecker checked = ExpositionChecker.check(page);
        assertEquals(1, checked.value("tickerplant_build_info{version=\"1.0 \"quoted\" \\ \n\"}"));
    }

    @Test
    void specialFloatsInGoSyntax() {
        PrometheusWriter out = new PrometheusWriter();
        out.family("x", Metric.Type.GAUGE, "h");
        out.sample("x", "k", "nan", Double.NaN);
        out.sample("x", "k", "inf", Double.POSITIVE_INFINITY);
        out.sample("x", "k", "small", 1.5e-7);
        assertEquals("""
                # HELP x h
                # TYPE x gauge
                x{k="nan"} NaN
                x{k="inf"} +Inf
                x{k="small"} 1.5E-7
                """, text(out));
    }

    @Test
    void theCheckerCatchesBrokenPages() {
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x 1"), "no final newline");
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x{k=\"v} 1\n"), "unterminated label");
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x one\n"), "not a number");
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x 1\ny 1\nx{a=\"b\"} 2\n"), "split family");
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x 1\n# TYPE x gauge\n"), "TYPE late");
        assertThrows(AssertionError.class,
                () -> ExpositionChecker.check("# TYPE s summary\ns 1\n"), "summary sample without quantile");
        assertThrows(AssertionError.class,
                () -> ExpositionChecker.check("# TYPE c_total counter\nc_total -1\n"), "negative counter");
        assertThrows(AssertionError.class, () -> ExpositionChecker.check("x 1\nx 2\n"), "series twice");
    }

    private static String text(PrometheusWriter out) {
        ByteBuf buf = out.toByteBuf();
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }
}
