package dev.tickerplant.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One row of the definition table: a setting's name, type and constraint, default, description and where it lives
 * in {@link Settings}. Parsing, {@code --help}, the records' constructors and {@link Settings#toString()} all read
 * the row, so they cannot disagree.
 */
final class Setting<T> {

    static final String ENV_PREFIX = "TICKERPLANT_";
    static final String NONE = "(none)";

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Sections of {@code --help}, in the order they are printed. */
    enum Group {
        UPSTREAM_SELECTION("Upstream selection"),
        UPSTREAM_CONNECTION("Upstream connection"),
        RING("Ring"),
        SERVER("Downstream server"),
        HEALTH("Health"),
        DAEMON("Daemon"),
        SCALE_OUT("Scale-out (NATS JetStream)"),
        OPERATIONS("Operations");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    private final Group group;
    private final String key;
    private final ValueType<T> type;
    private final Function<Lookup, T> defaultValue;
    private final String defaultText;
    private final String description;
    private final Function<Settings, T> reader;
    private final List<String> envAliases;
    private final boolean secret;

    private Setting(Group group, String key, ValueType<T> type, Function<Lookup, T> defaultValue,
            String defaultText, String description, Function<Settings, T> reader, List<String> envAliases,
            boolean secret) {
        if (!KEBAB_CASE.matcher(key).matches()) {
            throw new IllegalArgumentException("setting key \"" + key + "\" (expected kebab-case such as top-n)");
        }
        this.group = Objects.requireNonNull(group, "group");
        this.key = key;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.envAliases = List.copyOf(envAliases);
        this.secret = secret;
    }

    /** A setting whose default is a constant; the constant must itself satisfy the type's constraint. */
    static <T> Setting<T> define(Group group, String key, ValueType<T> type, T defaultValue, String description,
            Function<Settings, T> reader) {
        if (!type.accepts(defaultValue)) {
            throw new IllegalArgumentException("default of " + key + " = " + defaultValue + " (expected "
                    + type.expectation() + ")");
        }
        String defaultText = type.format(defaultValue);
        return new Setting<>(group, key, type, resolved -> defaultValue, defaultText.isEmpty() ? NONE : defaultText,
                description, reader, List.of(), false);
    }

    /** A setting whose default follows from settings earlier in the table, described in words for {@code --help}. */
    static <T> Setting<T> derive(Group group, String key, ValueType<T> type, Function<Lookup, T> defaultValue,
            String defaultText, String description, Function<Settings, T> reader) {
        return new Setting<>(group, key, type, defaultValue, defaultText, description, reader, List.of(), false);
    }

    /** Also read from {@code variable}, a name the seed system used; the {@code TICKERPLANT_} name wins. */
    Setting<T> withEnvAlias(String variable) {
        List<String> aliases = new ArrayList<>(envAliases);
        aliases.add(variable);
        return new Setting<>(group, key, type, defaultValue, defaultText, description, reader, aliases, secret);
    }

    /** Masked in {@link Settings#toString()} and in error messages. */
    Setting<T> secret() {
        return new Setting<>(group, key, type, defaultValue, defaultText, description, reader, envAliases, true);
    }

    Group group() {
        return group;
    }

    String key() {
        return key;
    }

    /** Whether {@code a} and {@code b} hold the same value for this setting. */
    boolean sameIn(Settings a, Settings b) {
        return Objects.equals(reader.apply(a), reader.apply(b));
    }

    String flag() {
        return "--" + key;
    }

    /** {@code TICKERPLANT_} and the key upper-cased, with {@code -} and {@code .} turned into {@code _}. */
    String envName() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Every environment variable this setting is read from, the winning one first. */
    List<String> envNames() {
        List<String> names = new ArrayList<>(1 + envAliases.size());
        names.add(envName());
        names.addAll(envAliases);
        return names;
    }

    ValueType<T> type() {
        return type;
    }

    String description() {
        return description;
    }

    String defaultText() {
        return defaultText;
    }

    boolean isSecret() {
        return secret;
    }

    T defaultValue(Lookup resolved) {
        return defaultValue.apply(resolved);
    }

    /** The value {@code raw} stands for, or a one-line error naming this setting, the origin and the value. */
    T parse(RawValue raw) {
        try {
            return type.parse(raw.text().strip());
        } catch (InvalidValueException invalid) {
            throw ConfigException.invalid(key, shown(type.redacted(raw.text())), raw.origin(), invalid.expected());
        }
    }

    /** For the records' constructors: the same constraint as parsing, without an origin to name. */
    T requireValid(T value) {
        if (value == null) {
            throw new ConfigException("Missing setting " + key + ": expected " + type.expectation() + ", not null");
        }
        if (!type.accepts(value)) {
            throw ConfigException.invalid(key, shown(type.format(value)), null, type.expectation());
        }
        return value;
    }

    /** This setting's value in {@code settings} as it would be written, masked if secret. */
    String display(Settings settings) {
        String text = type.format(reader.apply(settings));
        return text.isEmpty() ? NONE : shown(text);
    }

    private String shown(String text) {
        return secret ? SecretMask.mask(text) : text;
    }

    @Override
    public String toString() {
        return key;
    }
}
