package dev.tickerplant.health;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The daemon's overall state as /health reports it. */
enum HealthStatus {
    READY("ready", HttpResponseStatus.OK),
    DEGRADED("degraded", HttpResponseStatus.SERVICE_UNAVAILABLE),
    DOWN("down", HttpResponseStatus.SERVICE_UNAVAILABLE);

    private final String wireName;
    private final HttpResponseStatus httpStatus;

    HealthStatus(String wireName, HttpResponseStatus httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The value of the {@code status} key. */
    String wireName() {
        return wireName;
    }

    /** Load balancers and orchestrators only read the code: anything short of ready is 503. */
    HttpResponseStatus httpStatus() {
        return httpStatus;
    }
}
