package dev.tickerplant.sim.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * One simulated trade and the market state right after it: everything either feed needs to publish a ticker.
 *
 * <p>Amounts are whole numbers of the product's increments ({@code *Units}); the string accessors render them exactly
 * as they go on the wire. Emission 0 is the state a product starts with (its "last trade" before the simulator ran);
 * generated trades are numbered 1, 2, 3… per product.
 *
 * @param product        the product that traded (never an alias)
 * @param emission       per-product emission number, +1 for every generated trade
 * @param priceUnits     trade price, in price increments
 * @param sizeUnits      trade size, in base increments
 * @param takerBuy       true when the aggressor bought (trade at the ask)
 * @param volume24hUnits cumulative base volume; grows with every trade, so every tick of a product is unique
 * @param volume30dUnits cumulative 30-day base volume
 * @param sequence       Exchange-feed product sequence, advancing by 1..50 per trade
 * @param tradeId        Exchange-feed trade id, contiguous per product
 * @param time           trade time
 */
public record Tick(
        Product product,
        long emission,
        long priceUnits,
        long sizeUnits,
        boolean takerBuy,
        long volume24hUnits,
        long volume30dUnits,
        long open24hUnits,
        long low24hUnits,
        long high24hUnits,
        long low52wUnits,
        long high52wUnits,
        long bestBidUnits,
        long bestBidSizeUnits,
        long bestAskUnits,
        long bestAskSizeUnits,
        long sequence,
        long tradeId,
        Instant time) {

    public Tick {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(time, "time");
        if (emission < 0) {
            throw new IllegalArgumentException("emission: " + emission + " (expected: >= 0) for " + product.id());
        }
        if (priceUnits <= 0 || open24hUnits <= 0) {
            throw new IllegalArgumentException("price/open units: " + priceUnits + "/" + open24hUnits
                    + " (expected: > 0) for " + product.id());
        }
        if (bestBidUnits >= bestAskUnits) {
            throw new IllegalArgumentException("best bid/ask units: " + bestBidUnits + "/" + bestAskUnits
                    + " (expected: bid < ask) for " + product.id());
        }
    }

    public String productId() {
        return product.id();
    }

    public String price() {
        return Decimals.format(priceUnits, product.priceScale());
    }

    public String lastSize() {
        return Decimals.format(sizeUnits, product.baseScale());
    }

    /** Taker side as the Exchange ticker writes it: {@code buy} or {@code sell}. */
    public String side() {
        return takerBuy ? "buy" : "sell";
    }

    public String volume24h() {
        return Decimals.format(volume24hUnits, product.baseScale());
    }

    public String volume30d() {
        return Decimals.format(volume30dUnits, product.baseScale());
    }

    public String open24h() {
        return Decimals.format(open24hUnits, product.priceScale());
    }

    public String low24h() {
        return Decimals.format(low24hUnits, product.priceScale());
    }

    public String high24h() {
        return Decimals.format(high24hUnits, product.priceScale());
    }

    public String low52w() {
        return Decimals.format(low52wUnits, product.priceScale());
    }

    public String high52w() {
        return Decimals.format(high52wUnits, product.priceScale());
    }

    public String bestBid() {
        return Decimals.format(bestBidUnits, product.priceScale());
    }

    public String bestBidQuantity() {
        return Decimals.format(bestBidSizeUnits, product.baseScale());
    }

    public String bestAsk() {
        return Decimals.format(bestAskUnits, product.priceScale());
    }

    public String bestAskQuantity() {
        return Decimals.format(bestAskSizeUnits, product.baseScale());
    }

    /** Change since the 24 h open, in percent with 14 decimals, e.g. {@code "-4.15775596190603"}. */
    public String pricePercentChange24h() {
        return BigDecimal.valueOf(priceUnits - open24hUnits)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(open24hUnits), 14, RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
