package dev.tickerplant.daemon.admin;

import java.util.Map;

/**
 * A refused admin request, answered in the house error format: {@code {"code":..,"message":..,"details":{..}}} with
 * {@code status}.
 *
 * @see AdminActions
 */
public final class AdminException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public AdminException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** 400 with this code and message, no details. */
    public static AdminException badRequest(String code, String message) {
        return badRequest(code, message, Map.of());
    }

    /** 400 with this code, message and details. */
    public static AdminException badRequest(String code, String message, Map<String, Object> details) {
        return new AdminException(400, code, message, details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
