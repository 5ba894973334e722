package dev.tickerplant.bench.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to the processes under test (loopback only): the daemon's health and metrics, the simulator's control API. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private Http() {
    }

    /** The body of a GET; any status is returned as long as a response came. */
    public static Response get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    public static Response post(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A status and a body. */
    public record Response(int status, String body) {
        public Response requireOk(String what) {
            if (status / 100 != 2) {
                throw new IllegalStateException(what + " answered HTTP " + status + ": " + body);
            }
            return this;
        }
    }

    private static Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.uri(), e);
        }
    }
}
