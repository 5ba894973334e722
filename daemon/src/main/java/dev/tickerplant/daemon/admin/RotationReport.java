package dev.tickerplant.daemon.admin;

/**
 * @param connection the connection's name
 * @param started    true when a replacement link is being opened; false when the rotation was not started
 * @param detail     why not (e.g. "not streaming: BACKOFF", "already rotating"), or what happens next
 */
public record RotationReport(String connection, boolean started, String detail) {
}
