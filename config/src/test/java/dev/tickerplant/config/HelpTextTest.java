package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HelpTextTest {

    private final String help = SettingsLoader.helpText();

    @Test
    void listsEverySettingOfTheTableExactlyOnceWithEnvNamesAndDefault() {
        for (Setting<?> setting : SettingDefinitions.ALL) {
            assertEquals(1, occurrences(setting.flag()), setting.flag());
            String block = blockOf(setting.flag());
            for (String env : setting.envNames()) {
                assertEquals(1, occurrences(env), env);
                assertTrue(block.contains(env), () -> env + " in " + block);
            }
            assertTrue(block.contains("Default: " + setting.defaultText() + "."), block);
            assertTrue(block.contains(setting.description()), block);
        }
    }

    @Test
    void namesSettingsAndDefaultsLiterally() {
        String block = blockOf("--products-per-connection");

        assertTrue(block.startsWith("  --products-per-connection N  (env TICKERPLANT_PRODUCTS_PER_CONNECTION or "
                + "PRODUCTS_PER_CONNECTION)\n"), block);
        assertTrue(block.contains("Default: 15. Accepts an integer from 1 to 100."), block);
        assertTrue(blockOf("--products").contains("MONITORING_CRYPTOS"));
        assertTrue(blockOf("--top-n").contains("TOP_USD_PAIRS"));
        assertTrue(blockOf("--ring-size").contains("Default: 8192. Accepts a power of two"));
        assertTrue(blockOf("--backoff-initial").contains("Default: 250ms."));
        assertTrue(blockOf("--max-frame-size").contains("Default: 8MiB."));
        assertTrue(blockOf("--upstream-url").contains("Default: wss://advanced-trade-ws.coinbase.com for "
                + "advanced-trade, wss://ws-feed.exchange.coinbase.com for exchange."));
        assertTrue(blockOf("--transport").startsWith("  --transport auto|epoll|io_uring|nio  "
                + "(env TICKERPLANT_TRANSPORT)\n"), blockOf("--transport"));
        assertTrue(blockOf("--transport").contains("Default: auto."), blockOf("--transport"));
        assertTrue(blockOf("--role").startsWith("  --role all|ingest|fanout  (env TICKERPLANT_ROLE)\n"),
                blockOf("--role"));
        assertTrue(blockOf("--instance").contains("Default: 1/1. Accepts i/N with 1 <= i <= N <= 64 (e.g. 1/2)."),
                blockOf("--instance"));
        assertTrue(blockOf("--node-name").contains("Default: the host name, lower-cased, with every character other "
                + "than a-z, 0-9, _ and - turned into -."), blockOf("--node-name"));
        assertTrue(blockOf("--nats-max-age").contains("Default: 24h. Accepts a duration from 1s to 8760h"),
                blockOf("--nats-max-age"));
    }

    @Test
    void theScaleOutSettingsHaveTheirOwnSectionAtTheEnd() {
        int section = help.indexOf("\nScale-out (NATS JetStream):\n");

        assertTrue(section > help.indexOf("\nDaemon:\n"), help);
        assertTrue(help.indexOf("  --role ") > section, help);
        assertTrue(help.indexOf("  --nats-unreachable-threshold ") > section, help);
    }

    @Test
    void listsTheOptionsThatAreNotSettings() {
        assertTrue(help.contains("\n  --config FILE  (env TICKERPLANT_CONFIG)\n"), help);
        assertEquals(1, occurrences("TICKERPLANT_CONFIG"));
        assertTrue(help.contains("  -h, --help\n"));
    }

    @Test
    void printsEveryGroupOnce() {
        List<Setting.Group> groups = List.of(Setting.Group.values());
        for (Setting.Group group : groups) {
            assertEquals(1, countLines(group.title() + ":"), group.title());
        }
    }

    /** Occurrences of a flag or variable name as a whole word: --products must not count --products-per-... */
    private int occurrences(String name) {
        Matcher matcher = Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(help);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private int countLines(String line) {
        return (int) help.lines().filter(line::equals).count();
    }

    /** The lines describing one flag: its header line and the indented lines under it. */
    private String blockOf(String flag) {
        StringBuilder block = new StringBuilder();
        boolean inside = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("  --")) {
                inside = line.startsWith("  " + flag + " ");
            } else if (!line.startsWith("      ")) {
                inside = false;
            }
            if (inside) {
                block.append(line).append('\n');
            }
        }
        return block.toString();
    }
}
