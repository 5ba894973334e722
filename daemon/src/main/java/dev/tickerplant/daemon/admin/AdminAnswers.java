package dev.tickerplant.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.UntrustedText;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's answers: a report as JSON with snake_case names ({@code priority_added}, {@code connections_opened})
 * and 200, or an error in the house format {@code {"code":..,"message":..,"details":{..}}}. Every error stays within
 * {@link ServerMessages#MAX_ERROR_BYTES}, its message one printable line. Not cached.
 */
final class AdminAnswers {
    /** Record components only: a record's {@code isEmpty()} is not a field of the answer. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();
    private static final int MAX_MESSAGE_CHARS = 480;
    private static final int BACKSTOP_MESSAGE_CHARS = 256;

    private AdminAnswers() {
    }

    static FullHttpResponse ok(Object report) {
        return json(HttpResponseStatus.OK, write(report));
    }

    static FullHttpResponse error(AdminException e) {
        return error(HttpResponseStatus.valueOf(e.status()), e.code(), e.getMessage(), e.details());
    }

    static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** Details that would make the error larger than the house bound are left out, and the message cut. */
    static FullHttpResponse error(HttpResponseStatus status, String code, String message,
                                  Map<String, Object> details) {
        String line = UntrustedText.line(message, MAX_MESSAGE_CHARS);
        byte[] body = write(errorBody(code, line, details));
        if (body.length > ServerMessages.MAX_ERROR_BYTES) {
            body = write(errorBody(code, UntrustedText.line(message, BACKSTOP_MESSAGE_CHARS), Map.of()));
        }
        return json(status, body);
    }

    private static Map<String, Object> errorBody(String code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        return error;
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
