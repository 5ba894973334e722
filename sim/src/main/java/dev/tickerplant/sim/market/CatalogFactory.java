package dev.tickerplant.sim.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Builds the standard {@link ProductCatalog} from the bundled coin list and a seed. */
final class CatalogFactory {

    static final int USD_PRODUCTS = 300;

    private static final String COIN_LIST = "usd-coins.csv";
    /** The busiest real books get a USDC twin that mirrors them, as Coinbase lists them. */
    private static final List<String> USDC_ALIASED = List.of(
            "BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "LINK", "AVAX", "LTC", "SHIB");
    /** Zipf exponent of the 24 h quote volume by rank; 1.2 gives BTC about a fifth of all USD volume. */
    private static final double VOLUME_SKEW = 1.2;
    private static final double TOP_QUOTE_VOLUME = 1.5e9;
    /** Stablecoin books quote in hundredths of a cent, so that a one-increment move is 0.01 %. */
    private static final int STABLECOIN_PRICE_SCALE = 4;
    private static final String[] SYLLABLES = {
        "ZO", "RA", "KI", "VEX", "NO", "LU", "TAR", "MI", "QUA", "SEL", "DRA", "PEX", "ON", "YU", "BRI", "FA",
        "GLO", "HEX", "JU", "KRO", "MAV", "NEB", "OR", "PLI", "RHO", "SYN", "TEK", "UL", "VOR", "WYN", "XA", "ZEP"};
    private static final String[] NAME_SUFFIXES = {"Protocol", "Network", "Finance", "Chain", "Labs", "DAO", "Token", ""};

    private CatalogFactory() {
    }

    static ProductCatalog build(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Coin> coins = usdCoins(random);
        List<Draft> drafts = new ArrayList<>();
        Map<String, Draft> usdBySymbol = new HashMap<>();
        for (int rank = 1; rank <= coins.size(); rank++) {
            Coin coin = coins.get(rank - 1);
            BigDecimal price = jitter(coin.price(), coin.stable() ? 0.0004 : 0.03, random);
            Draft usd = Draft.spot(coin.symbol(), "USD", coin.name(), "US Dollar", price);
            if (coin.stable()) {
                usd.priceScale(STABLECOIN_PRICE_SCALE);
            }
            usd.quoteVolumeUsd = quoteVolumeForRank(rank, random);
            usd.tickWeight = 1.0 / rank;
            drafts.add(usd);
            usdBySymbol.put(coin.symbol(), usd);
        }
        enforceDescendingVolumes(drafts);
        addUsdcAliases(drafts, usdBySymbol);
        addOtherQuotes(drafts, usdBySymbol, random);
        addRestricted(drafts, random);
        addFutures(drafts, usdBySymbol);
        return finish(drafts, random);
    }

    private static List<Coin> usdCoins(SplittableRandom random) {
        List<Coin> coins = readCoinList();
        Set<String> taken = new HashSet<>();
        coins.forEach(coin -> taken.add(coin.symbol()));
        taken.addAll(List.of("USD", "USDC", "EUR", "GBP", "EURC", "MATIC", "RNDR", "LOOM", "GYEN", "BIT", "BIP"));
        while (coins.size() < USD_PRODUCTS) {
            coins.add(inventedCoin(random, taken));
        }
        return coins.subList(0, USD_PRODUCTS);
    }

    private static List<Coin> readCoinList() {
        try (InputStream in = CatalogFactory.class.getResourceAsStream(COIN_LIST)) {
            if (in == null) {
                throw new IllegalStateException("resource " + COIN_LIST + " is missing next to " + CatalogFactory.class.getName());
            }
            List<Coin> coins = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",");
                if (fields.length != 3) {
                    throw new IllegalStateException(COIN_LIST + " line '" + line + "' (expected: symbol,name,price)");
                }
                coins.add(new Coin(fields[0], fields[1], new BigDecimal(fields[2])));
            }
            return coins;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COIN_LIST, e);
        }
    }

    /** A plausible made-up listing for the tail of the ranking, unique among {@code taken}. */
    private static Coin inventedCoin(SplittableRandom random, Set<String> taken) {
        while (true) {
            String word = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)];
            String symbol = word.length() > 5 ? word.substring(0, 5) : word;
            if (symbol.length() < 3 || !taken.add(symbol)) {
                continue;
            }
            String suffix = NAME_SUFFIXES[random.nextInt(NAME_SUFFIXES.length)];
            String name = word.charAt(0) + word.substring(1).toLowerCase() + (suffix.isEmpty() ? "" : " " + suffix);
            double price = Math.pow(10, -4 + 5 * random.nextDouble());
            return new Coin(symbol, name, new BigDecimal(price, new MathContext(3)));
        }
    }

    private static double quoteVolumeForRank(int rank, SplittableRandom random) {
        return TOP_QUOTE_VOLUME * Math.pow(rank, -VOLUME_SKEW) * Math.exp(0.08 * random.nextGaussian());
    }

    /** Noise must not reorder the ranking: BTC stays first, ETH second, and so on. */
    private static void enforceDescendingVolumes(List<Draft> ranked) {
        for (int i = 1; i < ranked.size(); i++) {
            Draft previous = ranked.get(i - 1);
            Draft current = ranked.get(i);
            current.quoteVolumeUsd = Math.min(current.quoteVolumeUsd, previous.quoteVolumeUsd * 0.995);
        }
    }

    private static void addUsdcAliases(List<Draft> drafts, Map<String, Draft> usdBySymbol) {
        for (String symbol : USDC_ALIASED) {
            Draft usd = usdBySymbol.get(symbol);
            Draft usdc = Draft.spot(symbol, "USDC", usd.baseName, "USDC", usd.price);
            usdc.alias = usd.id;
            usdc.quoteVolumeUsd = usd.quoteVolumeUsd;
            usdc.sortAfter = usd;
            usd.aliasTo.add(usdc.id);
            drafts.add(usdc);
        }
    }

    private static void addOtherQuotes(List<Draft> drafts, Map<String, Draft> usd, SplittableRandom random) {
        double btc = usd.get("BTC").price.doubleValue();
        double eth = usd.get("ETH").price.doubleValue();
        double sol = usd.get("SOL").price.doubleValue();
        double eur = 1.09;
        double gbp = 1.27;
        addCross(drafts, "BTC", "EUR", "Euro", eur, btc / eur, 0.06, random);
        addCross(drafts, "ETH", "EUR", "Euro", eur, eth / eur, 0.03, random);
        addCross(drafts, "BTC", "GBP", "British Pound", gbp, btc / gbp, 0.02, random);
        addCross(drafts, "SOL", "EUR", "Euro", eur, sol / eur, 0.01, random);
        addCross(drafts, "ETH", "BTC", "Bitcoin", btc, eth / btc, 0.015, random);
        addCross(drafts, "SOL", "BTC", "Bitcoin", btc, sol / btc, 0.004, random);
        addCross(drafts, "USDT", "USDC", "USDC", 1.0, 1.0001, 0.05, random);
        addCross(drafts, "EURC", "USDC", "USDC", 1.0, eur, 0.003, random);
    }

    /**
     * A book quoted in something other than USD.
     *
     * @param quoteInUsd USD value of one unit of the quote currency, to express its volume in that currency
     * @param shareOfTop its trade rate and volume relative to BTC-USD
     */
    private static void addCross(List<Draft> drafts, String base, String quote, String quoteName, double quoteInUsd,
                                 double price, double shareOfTop, SplittableRandom random) {
        String baseName = switch (base) {
            case "BTC" -> "Bitcoin";
            case "ETH" -> "Ethereum";
            case "SOL" -> "Solana";
            case "USDT" -> "Tether";
            case "EURC" -> "EURC";
            default -> base;
        };
        Draft cross = Draft.spot(base, quote, baseName, quoteName, new BigDecimal(price, new MathContext(8)));
        if (quote.equals("USDC")) {
            cross.priceScale(STABLECOIN_PRICE_SCALE);
        }
        cross.quoteVolumeUsd = TOP_QUOTE_VOLUME * shareOfTop * Math.exp(0.08 * random.nextGaussian());
        cross.quoteInUsd = quoteInUsd;
        cross.tickWeight = shareOfTop;
        drafts.add(cross);
    }

    /** Listings that exist but must not be streamed as "online tradable USD". */
    private static void addRestricted(List<Draft> drafts, SplittableRandom random) {
        Draft cancelOnly = Draft.spot("MATIC", "USD", "Polygon", "US Dollar", new BigDecimal("0.38"));
        cancelOnly.flags = new ProductFlags("online", false, false, true, false, false, false, false);
        cancelOnly.quoteVolumeUsd = 2.1e6;
        Draft tradingDisabled = Draft.spot("RNDR", "USD", "Render Token", "US Dollar", new BigDecimal("5.1"));
        tradingDisabled.flags = new ProductFlags("online", false, true, false, false, false, false, false);
        tradingDisabled.quoteVolumeUsd = 0;
        Draft delisted = Draft.spot("LOOM", "USD", "Loom Network", "US Dollar", new BigDecimal("0.052"));
        delisted.flags = new ProductFlags("delisted", true, true, false, false, false, false, false);
        delisted.quoteVolumeUsd = 0;
        Draft viewOnly = Draft.spot("GYEN", "USD", "GYEN", "US Dollar", new BigDecimal("0.0064"));
        viewOnly.flags = new ProductFlags("online", false, false, false, false, false, false, true);
        viewOnly.quoteVolumeUsd = 1.2e4 * Math.exp(0.1 * random.nextGaussian());
        drafts.addAll(List.of(cancelOnly, tradingDisabled, delisted, viewOnly));
    }

    private static void addFutures(List<Draft> drafts, Map<String, Draft> usd) {
        Draft monthly = Draft.future("BIT-26DEC25-CDE", "BIT", "Nano Bitcoin Futures",
                usd.get("BTC").price.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN));
        monthly.quoteVolumeUsd = 4.2e7;
        Draft perpetualStyle = Draft.future("BIP-20DEC30-CDE", "BIP", "BTC Perp-Style Futures", usd.get("BTC").price);
        perpetualStyle.quoteVolumeUsd = 9.5e7;
        drafts.add(monthly);
        drafts.add(perpetualStyle);
    }

    private static ProductCatalog finish(List<Draft> drafts, SplittableRandom random) {
        List<Draft> ordered = new ArrayList<>(drafts);
        // Busiest first; a USDC alias sits right behind the book it mirrors.
        ordered.sort(Comparator.comparingDouble((Draft d) -> -(d.sortAfter == null ? d.quoteVolumeUsd : d.sortAfter.quoteVolumeUsd))
                .thenComparing(d -> d.sortAfter == null ? 0 : 1));
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            indexById.put(ordered.get(i).id, i);
        }
        List<Product> products = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Draft d = ordered.get(i);
            int source = d.alias.isEmpty() ? i : indexById.get(d.alias);
            double quoteVolume = d.quoteVolumeUsd / d.quoteInUsd;
            BigDecimal volumeChange = BigDecimal.valueOf(60 * random.nextDouble() - 30).setScale(14, RoundingMode.HALF_EVEN);
            products.add(new Product(i, d.id, d.type, d.base, d.quote, d.baseName, d.quoteName, d.flags, d.alias,
                    d.aliasTo, d.priceScale, d.baseScale, d.price,
                    BigDecimal.valueOf(quoteVolume).setScale(2, RoundingMode.HALF_EVEN), volumeChange,
                    d.flags.tradable() && d.alias.isEmpty() && d.type == ProductType.SPOT ? d.tickWeight : 0.0,
                    source));
        }
        return new ProductCatalog(products);
    }

    private static BigDecimal jitter(BigDecimal price, double sigma, SplittableRandom random) {
        return price.multiply(BigDecimal.valueOf(Math.exp(sigma * random.nextGaussian())), new MathContext(10));
    }

    /** Quote increment digits by price: every book has at least a hundred increments per unit of price. */
    static int priceScaleFor(BigDecimal price) {
        double p = price.doubleValue();
        if (p >= 10) {
            return 2;
        } else if (p >= 1) {
            return 3;
        } else if (p >= 0.1) {
            return 4;
        } else if (p >= 0.01) {
            return 5;
        } else if (p >= 0.0001) {
            return 7;
        } else if (p >= 0.00001) {
            return 8;
        }
        return 10;
    }

    /** Base increment digits by price: expensive coins trade in satoshi-like fractions, cheap ones in whole coins. */
    static int baseScaleFor(BigDecimal price) {
        double p = price.doubleValue();
        if (p >= 10) {
            return 8;
        } else if (p >= 0.1) {
            return 2;
        } else if (p >= 0.001) {
            return 1;
        }
        return 0;
    }

    private record Coin(String symbol, String name, BigDecimal price) {
        boolean stable() {
            return symbol.equals("USDT") || symbol.equals("DAI");
        }
    }

    /** Mutable working copy of a product while the catalog is assembled. */
    private static final class Draft {
        String id;
        ProductType type = ProductType.SPOT;
        String base;
        String quote;
        String baseName;
        String quoteName;
        ProductFlags flags = ProductFlags.TRADABLE;
        String alias = "";
        final List<String> aliasTo = new ArrayList<>();
        BigDecimal price;
        int priceScale;
        int baseScale;
        double quoteVolumeUsd;
        double quoteInUsd = 1.0;
        double tickWeight;
        Draft sortAfter;

        static Draft spot(String base, String quote, String baseName, String quoteName, BigDecimal rawPrice) {
            Draft d = new Draft();
            d.id = base + "-" + quote;
            d.base = base;
            d.quote = quote;
            d.baseName = baseName;
            d.quoteName = quoteName;
            d.priceScale = priceScaleFor(rawPrice);
            d.baseScale = baseScaleFor(rawPrice);
            d.price = rawPrice.setScale(d.priceScale, RoundingMode.HALF_EVEN);
            return d;
        }

        void priceScale(int scale) {
            priceScale = scale;
            price = price.setScale(scale, RoundingMode.HALF_EVEN);
        }

        static Draft future(String id, String base, String name, BigDecimal rawPrice) {
            Draft d = spot(base, "USD", name, "US Dollar", rawPrice);
            d.id = id;
            d.type = ProductType.FUTURE;
            d.baseScale = 0;
            return d;
        }
    }
}
