package dev.tickerplant.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The kinds of value a setting can hold, each with its constraint; the definition table picks from these. */
final class ValueTypes {

    private ValueTypes() {
    }

    static ValueType<Integer> integer(int min, int max) {
        return new IntegerType(min, max, "an integer from " + min + " to " + max);
    }

    /** Ring sizes: the Disruptor masks sequence numbers, so only powers of two work. */
    static ValueType<Integer> powerOfTwo(int min, int max) {
        return new IntegerType(min, max, "a power of two from " + min + " to " + max) {
            @Override
            public boolean accepts(Integer value) {
                return super.accepts(value) && Integer.bitCount(value) == 1;
            }
        };
    }

    /** A 64-bit count with no useful upper bound. */
    static ValueType<Long> longAtLeast(long min) {
        return new LongType(min);
    }

    static ValueType<Double> decimal(double min, double max) {
        return new DecimalType(min, false, max);
    }

    static ValueType<Double> positiveDecimal(double max) {
        return new DecimalType(0.0, true, max);
    }

    static ValueType<Boolean> bool() {
        return new BooleanType();
    }

    static ValueType<Duration> duration(Duration min, Duration max) {
        return new DurationType(min, false, max);
    }

    static ValueType<Duration> durationAbove(Duration exclusiveMin, Duration max) {
        return new DurationType(exclusiveMin, true, max);
    }

    /** A number of bytes, optionally with a {@code KiB}/{@code MiB} suffix. */
    static ValueType<Integer> byteSize(int min, int max) {
        return new ByteSizeType(min, max);
    }

    static ValueType<List<String>> productList() {
        return new ProductListType();
    }

    /** A currency code, upper-cased like product ids so {@code usd} and {@code USD} mean the same. */
    static ValueType<String> currencyCode() {
        return new TextType(Pattern.compile("[A-Z]{2,10}"), "a currency code of 2 to 10 letters such as USD",
                "CODE", true);
    }

    /** A bearer token (RFC 6750 characters), long enough that guessing it is hopeless. */
    static ValueType<String> bearerToken() {
        return new TextType(Pattern.compile("[A-Za-z0-9._~+/-]{16,512}=*"),
                "a token of 16 to 512 characters from A-Z, a-z, 0-9 and -._~+/ (optionally ending in =)", "TOKEN",
                false);
    }

    /** Web origins, comma-separated, each reduced to the form browsers send: {@code https://app.example.com}. */
    static ValueType<List<String>> originList() {
        return new OriginListType();
    }

    static ValueType<String> matching(Pattern pattern, String expectation, String placeholder) {
        return new TextType(pattern, expectation, placeholder, false);
    }

    static <E> ValueType<E> oneOf(E[] values, Function<E, String> name) {
        return new ChoiceType<>(List.of(values), name);
    }

    static ValueType<URI> uri(String... schemes) {
        return new UriType(Set.of(schemes), "a URI with a host and scheme " + String.join(" or ", schemes));
    }

    /** NATS servers, comma-separated, each reduced to {@code nats://host:port} or {@code tls://host:port}. */
    static ValueType<List<URI>> natsServerList() {
        return new NatsServerListType();
    }

    /** {@code i/N}: one ingest node's share of the upstream work. */
    static ValueType<InstanceSlot> instanceSlot() {
        return new InstanceSlotType();
    }

    static ValueType<Path> path() {
        return new PathType(false);
    }

    /** A path that must name a readable regular file when the settings are loaded. */
    static ValueType<Path> readableFile() {
        return new PathType(true);
    }

    /** Absent by default; an empty text also means absent, so a layer can clear what a lower one set. */
    static <T> ValueType<Optional<T>> optional(ValueType<T> inner) {
        return new OptionalType<>(inner);
    }

    private static class IntegerType implements ValueType<Integer> {
        private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
        private final int min;
        private final int max;
        private final String expectation;

        IntegerType(int min, int max, String expectation) {
            this.min = min;
            this.max = max;
            this.expectation = expectation;
        }

        @Override
        public Integer parse(String text) throws InvalidValueException {
            if (!INTEGER.matcher(text).matches()) {
                throw new InvalidValueException(expectation);
            }
            long value = Long.parseLong(text);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE || !accepts((int) value)) {
                throw new InvalidValueException(expectation);
            }
            return (int) value;
        }

        @Override
        public boolean accepts(Integer value) {
            return value != null && value >= min && value <= max;
        }

        @Override
        public String expectation() {
            return expectation;
        }

        @Override
        public String placeholder() {
            return "N";
        }
    }

    private static final class LongType implements ValueType<Long> {
        private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
        private final long min;

        LongType(long min) {
            this.min = min;
        }

        @Override
        public Long parse(String text) throws InvalidValueException {
            if (!INTEGER.matcher(text).matches()) {
                throw new InvalidValueException(expectation());
            }
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                throw new InvalidValueException(expectation());
            }
            if (!accepts(value)) {
                throw new InvalidValueException(expectation());
            }
            return value;
        }

        @Override
        public boolean accepts(Long value) {
            return value != null && value >= min;
        }

        @Override
        public String expectation() {
            return "an integer of at least " + min;
        }

        @Override
        public String placeholder() {
            return "N";
        }
    }

    private static final class DecimalType implements ValueType<Double> {
        // Double.parseDouble alone would also take "NaN", "1e3", "0x1p3" and "2d".
        private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
        private final double min;
        private final boolean minExclusive;
        private final double max;

        DecimalType(double min, boolean minExclusive, double max) {
            this.min = min;
            this.minExclusive = minExclusive;
            this.max = max;
        }

        @Override
        public Double parse(String text) throws InvalidValueException {
            if (!DECIMAL.matcher(text).matches()) {
                throw new InvalidValueException(expectation());
            }
            double value = Double.parseDouble(text);
            if (!accepts(value)) {
                throw new InvalidValueException(expectation());
            }
            return value;
        }

        @Override
        public boolean accepts(Double value) {
            return value != null && (minExclusive ? value > min : value >= min) && value <= max;
        }

        @Override
        public String expectation() {
            return minExclusive
                    ? "a number greater than " + plain(min) + " and at most " + plain(max)
                    : "a number from " + plain(min) + " to " + plain(max);
        }

        @Override
        public String format(Double value) {
            return plain(value);
        }

        @Override
        public String placeholder() {
            return "NUMBER";
        }

        private static String plain(double value) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    private static final class BooleanType implements ValueType<Boolean> {
        @Override
        public Boolean parse(String text) throws InvalidValueException {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InvalidValueException(expectation());
            };
        }

        @Override
        public boolean accepts(Boolean value) {
            return value != null;
        }

        @Override
        public String expectation() {
            return "true or false";
        }

        @Override
        public String placeholder() {
            return "[true|false]";
        }

        @Override
        public boolean bareFlagAllowed() {
            return true;
        }
    }

    private static final class DurationType implements ValueType<Duration> {
        private final Duration min;
        private final boolean minExclusive;
        private final Duration max;

        DurationType(Duration min, boolean minExclusive, Duration max) {
            this.min = min;
            this.minExclusive = minExclusive;
            this.max = max;
        }

        @Override
        public Duration parse(String text) throws InvalidValueException {
            if (DurationFormat.isBareNumber(text) && !text.equals("0")) {
                throw new InvalidValueException("a duration with a unit; add ms, s, m or h (e.g. " + text + "s)");
            }
            Duration value = DurationFormat.parse(text).orElseThrow(() -> new InvalidValueException(expectation()));
            if (!accepts(value)) {
                throw new InvalidValueException(expectation());
            }
            return value;
        }

        @Override
        public boolean accepts(Duration value) {
            return value != null
                    && (minExclusive ? value.compareTo(min) > 0 : value.compareTo(min) >= 0)
                    && value.compareTo(max) <= 0;
        }

        @Override
        public String expectation() {
            String range = minExclusive
                    ? "greater than " + DurationFormat.format(min) + " and at most " + DurationFormat.format(max)
                    : "from " + DurationFormat.format(min) + " to " + DurationFormat.format(max);
            return "a duration " + range + ", " + DurationFormat.EXAMPLES;
        }

        @Override
        public String format(Duration value) {
            return DurationFormat.format(value);
        }

        @Override
        public String placeholder() {
            return "DURATION";
        }
    }

    private static final class ByteSizeType implements ValueType<Integer> {
        private final int min;
        private final int max;

        ByteSizeType(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer parse(String text) throws InvalidValueException {
            OptionalLong bytes = ByteSizeFormat.parse(text);
            if (bytes.isEmpty() || bytes.getAsLong() < min || bytes.getAsLong() > max) {
                throw new InvalidValueException(expectation());
            }
            return (int) bytes.getAsLong();
        }

        @Override
        public boolean accepts(Integer value) {
            return value != null && value >= min && value <= max;
        }

        @Override
        public String expectation() {
            return "a size from " + ByteSizeFormat.format(min) + " to " + ByteSizeFormat.format(max)
                    + " in bytes or with a KiB or MiB suffix, such as 8MiB";
        }

        @Override
        public String format(Integer value) {
            return ByteSizeFormat.format(value);
        }

        @Override
        public String placeholder() {
            return "SIZE";
        }
    }

    private static final class ProductListType implements ValueType<List<String>> {
        @Override
        public List<String> parse(String text) throws InvalidValueException {
            return ProductIds.split(text);
        }

        @Override
        public boolean accepts(List<String> value) {
            return value != null && value.stream().allMatch(id -> id != null && ProductIds.isValid(id));
        }

        @Override
        public String expectation() {
            return ProductIds.expectation();
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }

        @Override
        public String placeholder() {
            return "LIST";
        }
    }

    private static final class OriginListType implements ValueType<List<String>> {
        private static final String EXPECTATION = "a comma-separated list of origins such as "
                + "https://app.example.com,http://localhost:3000 (http or https, a host, an optional port, no path)";

        @Override
        public List<String> parse(String text) throws InvalidValueException {
            List<String> origins = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                String origin = part.strip();
                if (origin.isEmpty() && text.isBlank()) {
                    continue;
                }
                String canonical = canonical(origin);
                if (canonical == null) {
                    throw new InvalidValueException(EXPECTATION);
                }
                if (!origins.contains(canonical)) {
                    origins.add(canonical);
                }
            }
            return List.copyOf(origins);
        }

        @Override
        public boolean accepts(List<String> value) {
            return value != null && value.stream().allMatch(o -> o != null && o.equals(canonical(o)));
        }

        @Override
        public String expectation() {
            return EXPECTATION;
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }

        @Override
        public String placeholder() {
            return "LIST";
        }

        /** Lower-case scheme and host, the default port left out, no trailing slash; null when not an origin. */
        private static String canonical(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException malformed) {
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !noPath
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        }
    }

    private static final class TextType implements ValueType<String> {
        private final Pattern pattern;
        private final String expectation;
        private final String placeholder;
        private final boolean upperCase;

        TextType(Pattern pattern, String expectation, String placeholder, boolean upperCase) {
            this.pattern = pattern;
            this.expectation = expectation;
            this.placeholder = placeholder;
            this.upperCase = upperCase;
        }

        @Override
        public String parse(String text) throws InvalidValueException {
            String value = upperCase ? text.toUpperCase(Locale.ROOT) : text;
            if (!accepts(value)) {
                throw new InvalidValueException(expectation);
            }
            return value;
        }

        @Override
        public boolean accepts(String value) {
            return value != null && pattern.matcher(value).matches();
        }

        @Override
        public String expectation() {
            return expectation;
        }

        @Override
        public String placeholder() {
            return placeholder;
        }
    }

    private static final class ChoiceType<E> implements ValueType<E> {
        private final List<E> values;
        private final Function<E, String> name;

        ChoiceType(List<E> values, Function<E, String> name) {
            this.values = values;
            this.name = name;
        }

        @Override
        public E parse(String text) throws InvalidValueException {
            String wanted = loose(text);
            for (E value : values) {
                if (loose(name.apply(value)).equals(wanted)) {
                    return value;
                }
            }
            throw new InvalidValueException(expectation());
        }

        /** Case and '-' versus '_' do not matter: advanced_trade, ADVANCED-TRADE, io-uring are all understood. */
        private static String loose(String text) {
            return text.toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public boolean accepts(E value) {
            return value != null && values.contains(value);
        }

        @Override
        public String expectation() {
            return values.stream().map(name).collect(Collectors.joining(", ", "one of ", ""));
        }

        @Override
        public String format(E value) {
            return name.apply(value);
        }

        @Override
        public String placeholder() {
            return values.stream().map(name).collect(Collectors.joining("|"));
        }
    }

    private static final class UriType implements ValueType<URI> {
        private final Set<String> schemes;
        private final String expectation;

        UriType(Set<String> schemes, String expectation) {
            this.schemes = schemes;
            this.expectation = expectation;
        }

        @Override
        public URI parse(String text) throws InvalidValueException {
            try {
                URI value = new URI(text);
                if (!accepts(value)) {
                    throw new InvalidValueException(expectation);
                }
                return value;
            } catch (URISyntaxException malformed) {
                throw new InvalidValueException(expectation);
            }
        }

        @Override
        public boolean accepts(URI value) {
            return value != null && value.getScheme() != null
                    && schemes.contains(value.getScheme().toLowerCase(Locale.ROOT))
                    && value.getHost() != null;
        }

        @Override
        public String expectation() {
            return expectation;
        }

        @Override
        public String placeholder() {
            return "URI";
        }
    }

    private static final class NatsServerListType implements ValueType<List<URI>> {
        private static final String EXPECTATION = "a comma-separated list of NATS servers such as "
                + "nats://127.0.0.1:4222,tls://nats.example.com:4222 (nats or tls, a host and a port, no path)";
        private static final Set<String> SCHEMES = Set.of("nats", "tls");
        private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@,]*@");

        @Override
        public List<URI> parse(String text) throws InvalidValueException {
            if (text.isBlank()) {
                return List.of();
            }
            List<URI> servers = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                URI server = canonical(part.strip());
                if (!servers.contains(server)) {
                    servers.add(server);
                }
            }
            return List.copyOf(servers);
        }

        /** Lower-case scheme and host, nothing but the port after them; the exception names the bad entry. */
        private static URI canonical(String entry) throws InvalidValueException {
            URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException malformed) {
                throw notOne(entry);
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidValueException(EXPECTATION + "; " + ConfigException.quote(withoutUserInfo(entry))
                        + " carries a user or password, which belong in the nats-credentials-file instead");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!SCHEMES.contains(scheme) || uri.getHost() == null || !noPath || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw notOne(entry);
            }
            if (uri.getPort() < 1 || uri.getPort() > 65535) {
                throw new InvalidValueException(EXPECTATION + "; " + ConfigException.quote(entry)
                        + " needs a port from 1 to 65535");
            }
            return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort());
        }

        private static InvalidValueException notOne(String entry) {
            return new InvalidValueException(EXPECTATION + "; " + ConfigException.quote(entry) + " is not one");
        }

        @Override
        public boolean accepts(List<URI> value) {
            if (value == null) {
                return false;
            }
            for (URI server : value) {
                try {
                    // As text: URI.equals ignores the case of scheme and host, and only one written form is kept.
                    if (server == null || !server.toString().equals(canonical(server.toString()).toString())) {
                        return false;
                    }
                } catch (InvalidValueException invalid) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String expectation() {
            return EXPECTATION;
        }

        @Override
        public String format(List<URI> value) {
            return value.stream().map(URI::toString).collect(Collectors.joining(","));
        }

        @Override
        public String redacted(String text) {
            return withoutUserInfo(text);
        }

        private static String withoutUserInfo(String text) {
            return USER_INFO.matcher(text).replaceAll("****@");
        }

        @Override
        public String placeholder() {
            return "LIST";
        }
    }

    private static final class InstanceSlotType implements ValueType<InstanceSlot> {
        private static final Pattern SLOT = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{1,9})");

        @Override
        public InstanceSlot parse(String text) throws InvalidValueException {
            Matcher slot = SLOT.matcher(text);
            if (!slot.matches()) {
                throw new InvalidValueException(InstanceSlot.EXPECTATION);
            }
            int index = Integer.parseInt(slot.group(1));
            int count = Integer.parseInt(slot.group(2));
            Optional<String> expected = InstanceSlot.violation(index, count);
            if (expected.isPresent()) {
                throw new InvalidValueException(expected.get());
            }
            return new InstanceSlot(index, count);
        }

        @Override
        public boolean accepts(InstanceSlot value) {
            // The record checks its own bounds: every InstanceSlot that exists is valid.
            return value != null;
        }

        @Override
        public String expectation() {
            return InstanceSlot.FULL_EXPECTATION;
        }

        @Override
        public String placeholder() {
            return "I/N";
        }
    }

    private static final class PathType implements ValueType<Path> {
        private final boolean mustBeReadableFile;

        PathType(boolean mustBeReadableFile) {
            this.mustBeReadableFile = mustBeReadableFile;
        }

        @Override
        public Path parse(String text) throws InvalidValueException {
            if (text.isBlank()) {
                throw new InvalidValueException(expectation());
            }
            Path value;
            try {
                value = Path.of(text);
            } catch (InvalidPathException malformed) {
                throw new InvalidValueException(expectation() + " (" + malformed.getReason() + ")");
            }
            if (mustBeReadableFile) {
                requireReadableFile(value);
            }
            return value;
        }

        private void requireReadableFile(Path value) throws InvalidValueException {
            if (!Files.exists(value)) {
                throw new InvalidValueException(expectation() + ", but there is no such file");
            }
            if (!Files.isRegularFile(value)) {
                throw new InvalidValueException(expectation() + ", but it is not a regular file");
            }
            if (!Files.isReadable(value)) {
                throw new InvalidValueException(expectation() + ", but it cannot be read (permission denied)");
            }
        }

        @Override
        public boolean accepts(Path value) {
            // Only the syntax: whether the file exists is checked once, at load time, not by every constructor.
            return value != null && !value.toString().isEmpty();
        }

        @Override
        public String expectation() {
            return mustBeReadableFile ? "a readable file" : "a file path";
        }

        @Override
        public String placeholder() {
            return "FILE";
        }
    }

    private static final class OptionalType<T> implements ValueType<Optional<T>> {
        private final ValueType<T> inner;

        OptionalType(ValueType<T> inner) {
            this.inner = inner;
        }

        @Override
        public Optional<T> parse(String text) throws InvalidValueException {
            return text.isEmpty() ? Optional.empty() : Optional.of(inner.parse(text));
        }

        @Override
        public boolean accepts(Optional<T> value) {
            return value != null && (value.isEmpty() || inner.accepts(value.get()));
        }

        @Override
        public String expectation() {
            return inner.expectation() + " (or empty for none)";
        }

        @Override
        public String format(Optional<T> value) {
            return value.map(inner::format).orElse("");
        }

        @Override
        public String placeholder() {
            return inner.placeholder();
        }
    }
}
