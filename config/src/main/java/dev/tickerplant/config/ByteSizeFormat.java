package dev.tickerplant.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in bytes, optionally with a binary suffix: {@code 65536}, {@code 512KiB}, {@code 8MiB}. */
final class ByteSizeFormat {

    static final long KIB = 1024L;
    static final long MIB = 1024L * 1024L;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(KiB|MiB)?", Pattern.CASE_INSENSITIVE);

    private ByteSizeFormat() {
    }

    /** The number of bytes written in {@code text}, or empty if it is not a size. */
    static OptionalLong parse(String text) {
        Matcher size = SIZE.matcher(text);
        if (!size.matches()) {
            return OptionalLong.empty();
        }
        long number = Long.parseLong(size.group(1));
        String suffix = size.group(2) == null ? "" : size.group(2).toLowerCase(Locale.ROOT);
        return OptionalLong.of(switch (suffix) {
            case "kib" -> number * KIB;
            case "mib" -> number * MIB;
            default -> number;
        });
    }

    /** The largest whole binary unit: {@code 8MiB}, {@code 1536KiB}, or plain bytes. */
    static String format(long bytes) {
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "KiB";
        }
        return Long.toString(bytes);
    }
}
