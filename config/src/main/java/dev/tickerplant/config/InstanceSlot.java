package dev.tickerplant.config;

import java.util.Optional;

/**
 * Which share of the upstream work an ingest node takes: slot {@code index} of {@code count} (1-based), written
 * {@code i/N}. {@code 1/1} means one node does all of it.
 */
public record InstanceSlot(int index, int count) {

    /** The most ingest nodes the upstream work may be split over. */
    public static final int MAX_COUNT = 64;

    /** The one slot of an unsplit deployment. */
    public static final InstanceSlot ONLY = new InstanceSlot(1, 1);

    static final String EXPECTATION = "i/N with 1 <= i <= N (e.g. 1/2)";
    static final String FULL_EXPECTATION = "i/N with 1 <= i <= N <= " + MAX_COUNT + " (e.g. 1/2)";

    public InstanceSlot {
        Optional<String> expected = violation(index, count);
        if (expected.isPresent()) {
            throw ConfigException.invalid(SettingDefinitions.INSTANCE.key(), index + "/" + count, null,
                    expected.get());
        }
    }

    /** What {@code index/count} should have been, or empty when it is a valid slot. */
    static Optional<String> violation(long index, long count) {
        if (index < 1 || index > count) {
            return Optional.of(EXPECTATION);
        }
        if (count > MAX_COUNT) {
            return Optional.of(FULL_EXPECTATION);
        }
        return Optional.empty();
    }

    /** Whether this node is the only one, so there is nothing to split. */
    public boolean isOnly() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
