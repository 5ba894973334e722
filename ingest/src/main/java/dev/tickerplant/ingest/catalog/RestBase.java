package dev.tickerplant.ingest.catalog;

import java.net.URI;
import java.util.Objects;

/** Joins a configured REST base URL (which may carry a path prefix or a trailing slash) with an endpoint path. */
final class RestBase {

    private RestBase() {
    }

    static URI resolve(URI base, String pathAndQuery) {
        Objects.requireNonNull(base, "restBase");
        String scheme = base.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || base.getHost() == null
                || base.getQuery() != null || base.getFragment() != null) {
            throw new IllegalArgumentException(
                    "restBase: " + base + " (expected an http(s) URL without query, such as https://api.coinbase.com)");
        }
        String prefix = base.toString().replaceAll("/+$", "");
        return URI.create(prefix + pathAndQuery);
    }
}
