package dev.tickerplant.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.config.Settings;
import dev.tickerplant.config.SettingsLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Started, last applied and newly loaded settings → what is applied now and what waits for a restart. */
class ReloadPlanTest {
    private static final String[] BASE = {"--products", "BTC-USD,ETH-USD", "--listen-port", "8787"};

    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing changed", "", "", "", "", ""),
                row("a new token is applied", "", "", "--auth-token new-token-0123456789",
                        "auth-token", ""),
                row("every run-time setting at once", "", "",
                        "--auth-token new-token-0123456789 --allowed-origins https://app.example.com"
                                + " --volume-threshold 5 --health-ready-coverage 0.9 --health-down-coverage 0.4",
                        "volume-threshold auth-token allowed-origins health-ready-coverage health-down-coverage", ""),
                row("a new port waits for a restart", "", "", "--listen-port 9999", "", "listen-port"),
                row("the port waits, products and the token are applied", "", "",
                        "--products BTC-USD --listen-port 9999 --auth-token new-token-0123456789",
                        "products auth-token", "listen-port"),
                row("a selection by rank and priority products are applied, the quote currency waits", "", "",
                        "--products= --top-n 5 --priority-products BTC-USD --quote-currency EUR",
                        "products top-n priority-products", "quote-currency"),
                row("a token already applied is not applied again", "", "--auth-token new-token-0123456789",
                        "--auth-token new-token-0123456789", "", ""),
                row("a port still pending is named again", "", "--listen-port 9999", "--listen-port 9999", "",
                        "listen-port"),
                row("a port changed back needs no restart", "", "--listen-port 9999", "", "", ""),
                row("a token removed is applied", "--auth-token old-token-0123456789",
                        "--auth-token old-token-0123456789", "", "auth-token", ""),
                row("bus, role-independent and threads wait", "", "",
                        "--nats-url nats://127.0.0.1:4222 --fanout-threads 4 --ring-size 4096", "",
                        "ring-size fanout-threads nats-url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void plansTheReload(String what, String started, String lastApplied, String loaded, List<String> applied,
                        List<String> restart) {
        ReloadPlan plan = ReloadPlan.of(settings(started), settings(lastApplied), settings(loaded));
        assertEquals(applied, plan.applied(), "applied");
        assertEquals(restart, plan.restartNeeded(), "restart needed");
        assertEquals(restart.isEmpty() ? "" : "restart needed for: " + String.join(", ", restart),
                plan.restartLine());
    }

    private static Arguments row(String what, String started, String lastApplied, String loaded, String applied,
                                 String restart) {
        return Arguments.of(what, started, lastApplied, loaded, words(applied), words(restart));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.split(" "));
    }

    private static Settings settings(String extra) {
        List<String> args = new ArrayList<>(Arrays.asList(BASE));
        args.addAll(words(extra));
        return SettingsLoader.load(args.toArray(String[]::new), Map.of());
    }
}
