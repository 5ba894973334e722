package dev.tickerplant.ingest.codec;

/** One decoded ticker; reused. A field the frame did not carry is empty ({@link AsciiField#isPresent()} false). */
public final class TickerSlot {

    public final AsciiField productId = new AsciiField();

    /** Advanced Trade event type {@code snapshot}; false for {@code update} and for Exchange. */
    public boolean snapshot;

    /** Exchange {@code sequence} (per product, not contiguous across tickers); -1 when absent, as on AT. */
    public long exchangeSequence;

    /** Exchange {@code trade_id}; -1 when absent. */
    public long tradeId;

    /** Epoch nanos: AT envelope {@code timestamp}, Exchange {@code time}; {@link Long#MIN_VALUE} if absent. */
    public long exchangeTimeNanos;

    private final AsciiField[] fields = new AsciiField[TickField.count()];

    public TickerSlot() {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new AsciiField();
        }
        clear();
    }

    public AsciiField field(TickField f) {
        return fields[f.ordinal()];
    }

    /**
     * Whether this ticker came from the Exchange feed: it carries a product sequence or trade id, or a field Advanced
     * Trade never sends. Downstream surfaces name each field as that API does ({@link TickField#nameFrom(boolean)}).
     */
    public boolean fromExchange() {
        if (exchangeSequence >= 0 || tradeId >= 0) {
            return true;
        }
        for (TickField f : TickField.VALUES) {
            if (f.advancedTradeName() == null && field(f).isPresent()) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        productId.clear();
        for (AsciiField f : fields) {
            f.clear();
        }
        snapshot = false;
        exchangeSequence = -1;
        tradeId = -1;
        exchangeTimeNanos = Long.MIN_VALUE;
    }

    public void copyFrom(TickerSlot other) {
        productId.copyFrom(other.productId);
        for (int i = 0; i < fields.length; i++) {
            fields[i].copyFrom(other.fields[i]);
        }
        snapshot = other.snapshot;
        exchangeSequence = other.exchangeSequence;
        tradeId = other.tradeId;
        exchangeTimeNanos = other.exchangeTimeNanos;
    }

    /** Allocates; for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TickerSlot{productId=").append(productId);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isPresent()) {
                sb.append(", ").append(TickField.byOrdinal(i)).append('=').append(fields[i]);
            }
        }
        return sb.append(", snapshot=").append(snapshot)
                .append(", exchangeSequence=").append(exchangeSequence)
                .append(", tradeId=").append(tradeId)
                .append(", exchangeTimeNanos=").append(exchangeTimeNanos)
                .append('}').toString();
    }
}
