package dev.tickerplant.bench.report;

import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.stats.PercentileCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The two pictures, drawn by gnuplot from data files the run writes: latency by percentile for every measured series
 * (both systems), and the fanout ramp.
 */
public final class Plots {

    public static final String LATENCY_PNG = "latency-percentiles.png";
    public static final String RAMP_PNG = "fanout-ramp.png";

    private Plots() {
    }

    /** Draws both into {@code outDir}; returns the files drawn, or an empty list (and why) when gnuplot is missing. */
    public static List<Path> draw(Map<String, Histogram> series, Object rampSteps, Path dataDir, Path outDir,
                                  List<String> notes) {
        try {
            Files.createDirectories(outDir);
            Files.createDirectories(dataDir);
            List<Path> drawn = new ArrayList<>();
            if (!series.isEmpty()) {
                StringBuilder plot = new StringBuilder();
                int i = 0;
                for (Map.Entry<String, Histogram> e : series.entrySet()) {
                    Path data = dataDir.resolve("latency-" + i + ".dat");
                    StringBuilder rows = new StringBuilder("# nines percentile micros\n");
                    double maxNines = Math.min(5, Math.log10(Math.max(10, e.getValue().getTotalCount())));
                    for (PercentileCurve.Point p : PercentileCurve.of(e.getValue(), maxNines)) {
                        rows.append(String.format(Locale.ROOT, "%.3f %.5f %.3f%n", p.nines(), p.percentile(), p.micros()));
                    }
                    Files.writeString(data, rows);
                    plot.append(i == 0 ? "plot " : ", ").append('\'').append(data).append("' using 1:3 with lines lw 2 title '")
                            .append(e.getKey().replace("'", "")).append('\'');
                    i++;
                }
                Path png = outDir.resolve(LATENCY_PNG);
                String script = String.join("\n",
                        "set terminal pngcairo size 960,600 font ',11'",
                        "set output '" + png + "'",
                        "set title 'Intended send time to receiver, by percentile (constant-rate schedule, no coordinated omission)'",
                        "set xlabel 'percentile'",
                        "set ylabel 'latency (microseconds, log scale)'",
                        "set logscale y",
                        "set grid",
                        "set key top left",
                        // Tic labels are formats in gnuplot: a literal percent sign is written %%.
                        "set xtics ('0%%' 0, '90%%' 1, '99%%' 2, '99.9%%' 3, '99.99%%' 4, '99.999%%' 5)",
                        plot.toString(), "");
                if (gnuplot(script, dataDir.resolve("latency.gp"), notes)) {
                    drawn.add(png);
                }
            }
            if (rampSteps instanceof List<?> steps && !steps.isEmpty()) {
                Path data = dataDir.resolve("ramp.dat");
                StringBuilder rows = new StringBuilder(
                        "# offered_deliveries_per_s achieved_deliveries_per_s p99_ms nats_server_p99_ms\n");
                for (Object step : steps) {
                    // NaN where nats-server was not measured at that step: gnuplot leaves the point out.
                    rows.append(String.format(Locale.ROOT, "%.0f %.0f %.3f %.3f%n",
                            number(step, "offered_deliveries_per_s"), number(step, "deliveries_per_s"),
                            number(step, "end_to_end", "p99_us") / 1000,
                            number(step, "nats_end_to_end", "p99_us") / 1000));
                }
                Files.writeString(data, rows);
                Path png = outDir.resolve(RAMP_PNG);
                String script = String.join("\n",
                        "set terminal pngcairo size 960,600 font ',11'",
                        "set output '" + png + "'",
                        "set title 'Fanout ramp: 1 000 subscribers to every product (nats-server: same steps, run after)'",
                        "set xlabel 'offered deliveries per second (tick rate x subscribers)'",
                        "set ylabel 'delivered per second'",
                        "set y2label 'end-to-end p99 (ms, log scale)'",
                        "set logscale y2",
                        "set y2tics",
                        "set ytics nomirror",
                        "set grid",
                        "set key top left",
                        "set format x '%.0s%c'",
                        "set format y '%.0s%c'",
                        "set arrow from graph 0, second 10 to graph 1, second 10 nohead dt 2 lc rgb 'red'",
                        "set label 'p99 limit 10 ms' at graph 0.02, second 12 tc rgb 'red'",
                        "plot '" + data + "' using 1:2 with linespoints lw 2 title 'delivered/s', "
                                + "'' using 1:1 with lines dt 3 lc rgb 'gray' title 'offered/s', "
                                + "'' using 1:3 axes x1y2 with linespoints lw 2 title 'p99 (ms)', "
                                + "'' using 1:4 axes x1y2 with linespoints lw 2 dt 4 title 'nats-server p99 (ms)'", "");
                if (gnuplot(script, dataDir.resolve("ramp.gp"), notes)) {
                    drawn.add(png);
                }
            }
            return drawn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot data under " + dataDir, e);
        }
    }

    private static double number(Object root, Object... path) {
        Object value = Json.at(root, path);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static boolean gnuplot(String script, Path file, List<String> notes) throws IOException {
        Files.writeString(file, script);
        try {
            Process process = new ProcessBuilder("gnuplot", file.toString()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                notes.add("gnuplot failed on " + file + ": " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            notes.add("no plots: gnuplot is not installed (apt-get install gnuplot-nox)");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
