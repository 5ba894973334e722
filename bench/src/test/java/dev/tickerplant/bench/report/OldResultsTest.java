package dev.tickerplant.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.bench.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report code reads results files written before it changed: the full run behind BENCHMARKS.md renders as it did. */
class OldResultsTest {

    private static final Path RESULTS = Path.of("results", "20261202-085952.json");
    private static final Path DOCUMENT = Path.of("..", "BENCHMARKS.md");

    @Test
    @SuppressWarnings("unchecked")
    void theRunBehindBenchmarksMdRendersItsGeneratedSectionAgain() throws IOException {
        Map<String, Object> results = Json.object(Files.readString(RESULTS));
        Map<String, String> plotLinks = new LinkedHashMap<>();
        for (Object plot : (List<Object>) results.get("plots")) {
            String file = Path.of(plot.toString()).getFileName().toString();
            plotLinks.put(file.replace(".png", "").replace('-', ' '), plot.toString());
        }

        String section = Markdown.render(results, Targets.evaluate((Map<String, Object>) results.get("scenarios")),
                plotLinks);

        String document = Files.readString(DOCUMENT);
        String generated = document.substring(document.indexOf(Markdown.BEGIN) + Markdown.BEGIN.length() + 1,
                document.indexOf(Markdown.END));
        // Every line, label and table as in the document; some figures differ in their last digit, since the document
        // was rendered from unrounded figures and the file keeps three decimals (1.4449.. is 1.445 there).
        assertEquals(withoutFigures(generated), withoutFigures(section));
        assertTrue(section.contains("| (b) end-to-end p99, 100 subscribers | <= 500 us | 8,741 us |"), section);
    }

    private static String withoutFigures(String markdown) {
        return markdown.replaceAll("\\d[\\d.,E-]*", "#");
    }

    @Test
    void writingTheResultsAgainGivesTheSameFile() throws IOException {
        String file = Files.readString(RESULTS);
        assertEquals(file, Json.pretty(Json.object(file)));
    }
}
