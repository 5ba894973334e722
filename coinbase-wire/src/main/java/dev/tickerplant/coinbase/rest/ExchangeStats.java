package dev.tickerplant.coinbase.rest;

/** A product's 24 h figures ({@code volume} in base units) and its 30-day volume, as decimal strings. */
public record ExchangeStats(String open, String high, String low, String last, String volume, String volume30day) {
}
