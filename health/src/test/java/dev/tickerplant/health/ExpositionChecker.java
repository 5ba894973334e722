package dev.tickerplant.health;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a page line by line against the Prometheus text exposition format 0.0.4 and collects its samples. Fails on
 * the first line that breaks a rule, naming the line.
 *
 * <p>Rules checked: metric and label names; quoted, correctly escaped label values; Go-syntax float values; at most
 * one HELP and one TYPE per family, TYPE before the family's first sample; a family's lines kept together; summary
 * samples limited to the quantile series (with a {@code quantile} label), {@code _sum} and {@code _count}; counters
 * not negative; no series twice; the page ends with a newline.
 */
final class ExpositionChecker {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (\\S+) (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(Inf|NaN|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    /** Family name → type, in page order. */
    final Map<String, String> types = new LinkedHashMap<>();
    /** Series (name plus labels sorted, e.g. {@code x{a="1",b="2"}}) → value. */
    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> help = new HashMap<>();

    private final Set<String> closedFamilies = new HashSet<>();
    private String currentFamily;
    private int lineNumber;

    static ExpositionChecker check(String page) {
        ExpositionChecker checker = new ExpositionChecker();
        if (!page.endsWith("\n")) {
            throw new AssertionError("page does not end with a newline");
        }
        for (String line : page.split("\n", -1)) {
            checker.lineNumber++;
            checker.line(line);
        }
        return checker;
    }

    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " among " + samples.keySet());
        }
        return value;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            comment(line);
            return;
        }
        sample(line);
    }

    private void comment(String line) {
        Matcher help = HELP.matcher(line);
        if (help.matches()) {
            String family = help.group(1);
            enterFamily(family, line);
            requireName(family, line);
            requireEscapes(help.group(2), false, line);
            if (this.help.put(family, help.group(2)) != null) {
                fail("second HELP for " + family, line);
            }
            return;
        }
        if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
            Matcher type = TYPE.matcher(line);
            if (!type.matches()) {
                fail("malformed HELP/TYPE line", line);
            }
            String family = type.group(1);
            enterFamily(family, line);
            requireName(family, line);
            if (types.containsKey(family)) {
                fail("second TYPE for " + family, line);
            }
            if (samples.keySet().stream().anyMatch(s -> familyOf(s, null).equals(family))) {
                fail("TYPE after samples of " + family, line);
            }
            types.put(family, type.group(2));
        }
        // Any other comment is allowed and ignored.
    }

    private void sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            fail("sample without a value", line);
        }
        String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
        requireName(name, line);
        Map<String, String> labels = new TreeMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            int end = parseLabels(line, brace + 1, labels);
            rest = line.substring(end + 1);
        } else {
            rest = line.substring(name.length());
        }
        if (!rest.startsWith(" ")) {
            fail("expected a space before the value", line);
        }
        String[] parts = rest.trim().split(" ");
        if (parts.length > 2) {
            fail("expected value [timestamp]", line);
        }
        if (!FLOAT.matcher(parts[0]).matches()) {
            fail("value " + parts[0] + " is not a Go float", line);
        }
        double value = parse(parts[0]);
        String family = familyOf(name, types);
        enterFamily(family, line);
        String type = types.getOrDefault(family, "untyped");
        if (type.equals("summary")) {
            if (name.equals(family) && !labels.containsKey("quantile")) {
                fail("summary sample without a quantile label", line);
            }
            if (!name.equals(family) && !name.equals(family + "_sum") && !name.equals(family + "_count")) {
                fail("summary " + family + " may only have quantile, _sum and _count samples", line);
            }
        }
        if (type.equals("counter") && value < 0) {
            fail("negative counter", line);
        }
        StringBuilder series = new StringBuilder(name);
        if (!labels.isEmpty()) {
            series.append('{');
            labels.forEach((k, v) -> series.append(k).append("=\"").append(v).append("\","));
            series.setLength(series.length() - 1);
            series.append('}');
        }
        if (samples.put(series.toString(), value) != null) {
            fail("series " + series + " appears twice", line);
        }
    }

    /** Returns the index of the closing brace. */
    private int parseLabels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            if (i >= line.length()) {
                fail("unclosed label set", line);
            }
            if (line.charAt(i) == '}') {
                return i;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                fail("label without '='", line);
            }
            String label = line.substring(i, eq);
            if (!LABEL_NAME.matcher(label).matches()) {
                fail("bad label name '" + label + "'", line);
            }
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                fail("label value not quoted", line);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) {
                    fail("unterminated label value", line);
                }
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = j + 1 < line.length() ? line.charAt(j + 1) : 0;
                    if (next != '\\' && next != '"' && next != 'n') {
                        fail("bad escape in label value", line);
                    }
                    value.append(next == 'n' ? '\n' : next);
                    j += 2;
                } else if (c == '"') {
                    break;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(label, value.toString()) != null) {
                fail("label " + label + " twice", line);
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private void enterFamily(String family, String line) {
        if (family.equals(currentFamily)) {
            return;
        }
        if (closedFamilies.contains(family)) {
            fail("lines of family " + family + " are not together", line);
        }
        if (currentFamily != null) {
            closedFamilies.add(currentFamily);
        }
        currentFamily = family;
    }

    /** The family a sample belongs to: summaries own their _sum and _count series. */
    private static String familyOf(String name, Map<String, String> types) {
        String seriesName = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
        if (types != null) {
            for (String suffix : new String[] {"_sum", "_count"}) {
                if (seriesName.endsWith(suffix)) {
                    String base = seriesName.substring(0, seriesName.length() - suffix.length());
                    String type = types.get(base);
                    if ("summary".equals(type) || "histogram".equals(type)) {
                        return base;
                    }
                }
            }
        }
        return seriesName;
    }

    private void requireName(String name, String line) {
        if (!METRIC_NAME.matcher(name).matches()) {
            fail("bad metric name '" + name + "'", line);
        }
    }

    private void requireEscapes(String text, boolean quotes, String line) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '\\' && next != 'n' && !(quotes && next == '"')) {
                    fail("bad escape in help text", line);
                }
                i++;
            }
        }
    }

    private static double parse(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "+NaN", "-NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private void fail(String problem, String line) {
        throw new AssertionError("exposition format, line " + lineNumber + ": " + problem + ": " + line);
    }
}
