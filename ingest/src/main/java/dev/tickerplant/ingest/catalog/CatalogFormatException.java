package dev.tickerplant.ingest.catalog;

import dev.tickerplant.coinbase.rest.WireFormatException;

/** A catalog document (REST body or cache file) that is not JSON or not the expected shape; one-line message. */
final class CatalogFormatException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    CatalogFormatException(String message) {
        super(OneLine.of(message));
    }

    CatalogFormatException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
