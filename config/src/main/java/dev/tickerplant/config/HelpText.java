package dev.tickerplant.config;

import java.util.List;

/** Renders {@code --help} from the definition table, so it lists exactly the settings that parsing knows. */
final class HelpText {

    private static final String INDENT = "  ";
    private static final String DETAIL_INDENT = "      ";

    private HelpText() {
    }

    static String render(List<Setting<?>> settings) {
        StringBuilder help = new StringBuilder()
                .append("Usage: tickerplant [").append(CommandLine.CONFIG_FLAG).append(" FILE] [--SETTING VALUE]...\n")
                .append('\n')
                .append("Keeps a live picture of every Coinbase ticker and fans it out to local subscribers.\n")
                .append("Each setting is a command-line flag (--key value or --key=value; a true/false flag may be\n")
                .append("given bare), an environment variable, or a key in the config file (key = value, # comments).\n")
                .append("The command line wins over the environment, the environment over the config file, and the\n")
                .append("config file over the default. Durations: 250ms, 5s, 2m, 1h or ISO-8601 such as PT5S.\n")
                .append("Sizes: bytes, or with a KiB or MiB suffix. Lists: comma-separated.\n")
                .append('\n')
                .append("Options:\n")
                .append(INDENT).append(CommandLine.SHORT_HELP_FLAG).append(", ").append(CommandLine.HELP_FLAG)
                .append('\n')
                .append(DETAIL_INDENT).append("Print this help and exit.\n")
                .append(INDENT).append(CommandLine.CONFIG_FLAG).append(" FILE  (env ").append(SettingsLoader.CONFIG_ENV)
                .append(")\n")
                .append(DETAIL_INDENT).append("Config file to read, in Java-properties syntax (UTF-8).\n");
        Setting.Group group = null;
        for (Setting<?> setting : settings) {
            if (setting.group() != group) {
                group = setting.group();
                help.append('\n').append(group.title()).append(":\n");
            }
            appendSetting(help, setting);
        }
        return help.toString();
    }

    private static void appendSetting(StringBuilder help, Setting<?> setting) {
        help.append(INDENT).append(setting.flag()).append(' ').append(setting.type().placeholder())
                .append("  (env ").append(String.join(" or ", setting.envNames())).append(")\n")
                .append(DETAIL_INDENT).append(setting.description()).append('\n')
                .append(DETAIL_INDENT).append("Default: ").append(setting.defaultText()).append(". Accepts ")
                .append(setting.type().expectation()).append(".\n");
    }
}
