package dev.tickerplant.ingest.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything one frame carried. One instance per connection, reused for every frame: the ticker array grows only
 * when a frame holds more tickers than any before it, so the steady state allocates nothing. Not thread-safe.
 *
 * <p>Which accessors mean something depends on {@link #type()}; the others hold their reset values.
 */
public final class DecodedFrame {

    private static final int INITIAL_TICKER_CAPACITY = 4;

    private FrameType type;
    private String channel;
    private long sequenceNum;
    private long timestampNanos;

    private TickerSlot[] tickers = new TickerSlot[INITIAL_TICKER_CAPACITY];
    private int tickerCount;
    private int skippedTickers;

    private long heartbeatCounter;
    private final AsciiField heartbeatProductId = new AsciiField();
    private long heartbeatSequence;
    private long heartbeatLastTradeId;

    private Map<String, List<String>> subscriptions;
    private String errorMessage;
    private String errorReason;

    public DecodedFrame() {
        for (int i = 0; i < tickers.length; i++) {
            tickers[i] = new TickerSlot();
        }
        reset();
    }

    public FrameType type() {
        return type;
    }

    /**
     * The AT channel or EX message type the frame was dispatched on, e.g. {@code "l2_data"} for an IGNORED frame.
     * Known names are constants; an unknown one is a new string (IGNORED frames only).
     */
    public String channel() {
        return channel;
    }

    /** AT envelope {@code sequence_num} (one counter per connection, every channel); -1 if absent (errors, EX). */
    public long sequenceNum() {
        return sequenceNum;
    }

    /**
     * The frame's own time as epoch nanos: AT envelope {@code timestamp}; EX {@code time} of a ticker (trade time)
     * or heartbeat. {@link Long#MIN_VALUE} if absent.
     */
    public long timestampNanos() {
        return timestampNanos;
    }

    public int tickerCount() {
        return tickerCount;
    }

    public TickerSlot ticker(int i) {
        if (i < 0 || i >= tickerCount) {
            throw new IndexOutOfBoundsException("ticker: " + i + " (expected: >= 0 and < " + tickerCount + ")");
        }
        return tickers[i];
    }

    /** Tickers left out because their {@code product_id} was empty or missing (they still consumed a sequence_num). */
    public int skippedTickers() {
        return skippedTickers;
    }

    /** AT {@code heartbeat_counter} (a string or a number on the wire); -1 if absent. */
    public long heartbeatCounter() {
        return heartbeatCounter;
    }

    /** EX heartbeat {@code product_id}; empty otherwise. */
    public AsciiField heartbeatProductId() {
        return heartbeatProductId;
    }

    /** EX heartbeat {@code sequence}: the product's latest sequence; -1 if absent. */
    public long heartbeatSequence() {
        return heartbeatSequence;
    }

    /** EX heartbeat {@code last_trade_id}; -1 if absent. */
    public long heartbeatLastTradeId() {
        return heartbeatLastTradeId;
    }

    /**
     * Channel name to product ids, as acknowledged: the whole current set, not the change. AT lists heartbeats as
     * {@code heartbeats -> [heartbeats]}; EX names {@code ticker_batch} {@code ticker_1000}. Empty unless
     * {@link FrameType#SUBSCRIPTIONS}. Unmodifiable.
     */
    public Map<String, List<String>> subscriptions() {
        return subscriptions;
    }

    /** ERROR frames: the server's {@code message}; null otherwise. */
    public String errorMessage() {
        return errorMessage;
    }

    /** ERROR frames: the server's {@code reason} (Exchange only); null when absent. */
    public String errorReason() {
        return errorReason;
    }

    public void reset() {
        type = FrameType.IGNORED;
        channel = null;
        sequenceNum = -1;
        timestampNanos = Long.MIN_VALUE;
        tickerCount = 0;
        skippedTickers = 0;
        heartbeatCounter = -1;
        heartbeatProductId.clear();
        heartbeatSequence = -1;
        heartbeatLastTradeId = -1;
        subscriptions = Map.of();
        errorMessage = null;
        errorReason = null;
    }

    void type(FrameType type, String channel) {
        this.type = type;
        this.channel = channel;
    }

    void sequenceNum(long sequenceNum) {
        this.sequenceNum = sequenceNum;
    }

    void timestampNanos(long timestampNanos) {
        this.timestampNanos = timestampNanos;
    }

    /** A cleared slot appended after the current tickers. */
    TickerSlot addTicker() {
        if (tickerCount == tickers.length) {
            int oldLength = tickers.length;
            tickers = Arrays.copyOf(tickers, oldLength * 2);
            for (int i = oldLength; i < tickers.length; i++) {
                tickers[i] = new TickerSlot();
            }
        }
        TickerSlot slot = tickers[tickerCount++];
        slot.clear();
        return slot;
    }

    /** Takes back the last {@link #addTicker()} and counts it as skipped. */
    void skipLastTicker() {
        tickerCount--;
        skippedTickers++;
    }

    /** Tickers are read before the envelope may be; the decoder stamps them once the frame is complete. */
    void stampTickers(int from, boolean snapshot) {
        for (int i = from; i < tickerCount; i++) {
            tickers[i].snapshot = snapshot;
        }
    }

    void stampTickerTimes(long exchangeTimeNanos) {
        for (int i = 0; i < tickerCount; i++) {
            tickers[i].exchangeTimeNanos = exchangeTimeNanos;
        }
    }

    void heartbeatCounter(long counter) {
        this.heartbeatCounter = counter;
    }

    void heartbeatSequence(long sequence) {
        this.heartbeatSequence = sequence;
    }

    void heartbeatLastTradeId(long lastTradeId) {
        this.heartbeatLastTradeId = lastTradeId;
    }

    void subscriptions(Map<String, List<String>> subscriptions) {
        this.subscriptions = subscriptions;
    }

    void error(String message, String reason) {
        this.errorMessage = message;
        this.errorReason = reason;
    }
}
