package dev.tickerplant.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the benchmark harness ({@code scripts/bench} runs it): parses the flags, runs the scenarios, exits 0
 * when every scenario produced its figures (targets are reported, never asserted), 1 when one failed, 2 on bad flags.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, ownJar());
        } catch (BenchOptions.HelpRequested help) {
            System.out.println(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean ok;
        try {
            ok = new BenchRun(options, System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(ok ? 0 : 1);
    }

    /** The jar this class was loaded from, or null when it runs from a classes folder. */
    private static Path ownJar() {
        try {
            Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
