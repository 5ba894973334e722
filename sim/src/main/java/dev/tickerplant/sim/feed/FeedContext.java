package dev.tickerplant.sim.feed;

import dev.tickerplant.sim.market.LatestTicks;
import dev.tickerplant.sim.market.ProductCatalog;

/** What every connection of the server shares. */
record FeedContext(
        FeedSettings settings,
        ProductCatalog catalog,
        LatestTicks latest,
        FeedCounters counters,
        SessionRegistry registry,
        SlidingWindowCounter subscribeMeter,
        AdvancedTradeFrames advancedTradeFrames,
        ExchangeFrames exchangeFrames) {
}
