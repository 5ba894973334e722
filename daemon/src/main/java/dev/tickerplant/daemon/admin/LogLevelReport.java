package dev.tickerplant.daemon.admin;

/** A logger's level before and after a change: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}. */
public record LogLevelReport(String logger, String was, String now) {
}
