package dev.tickerplant.ingest.catalog;

import java.net.URI;

/**
 * The catalog could not be fetched. The message is one line naming the URL and what went wrong with it, so that it
 * can be logged or embedded in a longer line as it is.
 */
public final class CatalogUnavailableException extends Exception {

    private final String url;

    private CatalogUnavailableException(URI url, String problem, Throwable cause) {
        super("Catalog REST endpoint " + url + " " + problem, cause);
        this.url = url.toString();
    }

    static CatalogUnavailableException unreachable(URI url, String reason, Throwable cause) {
        return new CatalogUnavailableException(url, "unreachable (" + OneLine.of(reason) + ")", cause);
    }

    static CatalogUnavailableException badStatus(URI url, int status, String bodyExcerpt) {
        String excerpt = OneLine.of(bodyExcerpt);
        excerpt = excerpt.isEmpty() ? "" : ": " + excerpt;
        return new CatalogUnavailableException(url, "answered HTTP " + status + " (expected 200)" + excerpt, null);
    }

    static CatalogUnavailableException malformed(URI url, String detail, Throwable cause) {
        return new CatalogUnavailableException(url, "sent malformed JSON (" + OneLine.of(detail) + ")", cause);
    }

    static CatalogUnavailableException unusable(URI url, String detail) {
        return new CatalogUnavailableException(url, "sent an unusable catalog (" + OneLine.of(detail) + ")", null);
    }

    /** The URL of the request that failed, including its query. */
    public String url() {
        return url;
    }
}
