package dev.tickerplant.fanout.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Web origins in the one form they are compared in: lower-case scheme and host, no default port, no slash. */
final class Origins {
    private Origins() {
    }

    /** {@code HTTPS://App.example.com:443/} becomes {@code https://app.example.com}; null when not an origin. */
    static String canonical(String text) {
        if (text == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException malformed) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        boolean noPath = path == null || path.isEmpty() || path.equals("/");
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
