package dev.tickerplant.ingest.catalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * Says why a TCP connect failed. The JDK HTTP client reports every failed connect as a bare ConnectException, so
 * on that path (start-up only, after a failure) one plain socket connect is made to learn the operating system's
 * reason: refused, no route, network unreachable.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    static String explain(URI url, Duration timeout) {
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
            return "connect failed, then succeeded on a second attempt";
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (SocketTimeoutException e) {
            return "connect timed out after " + CatalogHttp.format(timeout);
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return reason.contains("refused") ? "connect refused" : "connect failed: " + reason;
        }
    }
}
