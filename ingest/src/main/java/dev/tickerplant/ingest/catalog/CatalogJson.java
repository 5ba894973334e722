package dev.tickerplant.ingest.catalog;

import dev.tickerplant.coinbase.rest.JsonDocument;
import dev.tickerplant.coinbase.rest.WireFormatException;
import java.math.BigDecimal;

/** The catalog's view of {@link JsonDocument}: shape errors as {@link CatalogFormatException}, amounts as decimals. */
final class CatalogJson {

    private CatalogJson() {
    }

    /** Calls {@code read}, whose shape errors become one-line {@link CatalogFormatException}s. */
    static <T> T parse(Reading<T> read) throws CatalogFormatException {
        try {
            return read.read();
        } catch (CatalogFormatException e) {
            throw e;
        } catch (WireFormatException e) {
            throw new CatalogFormatException(e.getMessage(), e);
        }
    }

    /** One read of a document with the wire module's readers. */
    interface Reading<T> {
        T read() throws WireFormatException;
    }

    /** A non-negative decimal written as a string; Coinbase writes "" when it has no figure, which counts as zero. */
    static BigDecimal amount(String productId, String field, String text) throws CatalogFormatException {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() >= 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw new CatalogFormatException(
                "product " + productId + ": " + field + " \"" + text + "\" (expected a decimal >= 0 or \"\")");
    }
}
