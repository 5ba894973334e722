package dev.tickerplant.ingest.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InstanceSplitTest {

    private static final List<String> BASES = List.of("BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "AVAX", "LINK", "DOT",
            "LTC", "BCH", "UNI", "ATOM", "XLM", "ETC", "FIL", "APT", "ARB", "OP", "NEAR", "ICP", "HBAR", "AAVE", "MKR",
            "GRT", "ALGO", "SHIB", "PEPE", "SUI", "SEI", "TIA", "INJ", "RNDR", "FET", "IMX", "STX", "CRV", "LDO", "SNX",
            "COMP", "SUSHI", "YFI", "BAT", "ZRX", "MANA", "SAND", "AXS", "APE", "CHZ", "ENS", "1INCH", "BONK", "WIF",
            "JTO", "PYTH", "ONDO", "JASMY", "KSM", "XTZ", "EGLD");
    private static final List<String> QUOTES = List.of("USD", "USDC", "EUR", "GBP", "USDT");
    /** 300 ids as the catalog spells them: 60 bases, each quoted in 5 currencies. */
    private static final List<String> IDS = BASES.stream()
            .flatMap(base -> QUOTES.stream().map(quote -> base + "-" + quote)).toList();

    @Test
    void everyProductGoesToExactlyOneInstance() {
        for (int instances = 1; instances <= 8; instances++) {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (int instance = 1; instance <= instances; instance++) {
                List<String> share = new InstanceSplit(instance, instances).productIds(IDS);
                union.addAll(share);
                total += share.size();
            }
            assertEquals(new HashSet<>(IDS), union, instances + " instances: union");
            assertEquals(IDS.size(), total, instances + " instances: a product on two instances");
        }
    }

    @Test
    void oneInstanceFollowsEverythingInTheGivenOrder() {
        List<String> shuffled = new ArrayList<>(IDS);
        Collections.shuffle(shuffled, new Random(7));

        assertEquals(shuffled, InstanceSplit.single().productIds(shuffled));
        assertEquals(products(shuffled), InstanceSplit.single().products(products(shuffled)));
    }

    @Test
    void theOrderOfTheCatalogDoesNotChangeTheShare() {
        Random random = new Random(42);
        for (int instance = 1; instance <= 4; instance++) {
            InstanceSplit split = new InstanceSplit(instance, 4);
            Set<String> expected = Set.copyOf(split.productIds(IDS));
            for (int round = 0; round < 10; round++) {
                List<String> shuffled = new ArrayList<>(IDS);
                Collections.shuffle(shuffled, random);

                assertEquals(expected, Set.copyOf(split.productIds(shuffled)), split + ", round " + round);
            }
        }
    }

    @Test
    void listingOrDelistingAProductMovesNoOtherProduct() {
        for (int instances = 2; instances <= 8; instances++) {
            Map<String, Integer> before = owners(IDS, instances);
            List<String> changed = new ArrayList<>(IDS);
            changed.add(0, "NEWCOIN-USD");
            changed.add("OTHERNEW-EUR");
            changed.remove("ETH-USD");
            changed.remove("PEPE-USDC");

            Map<String, Integer> after = owners(changed, instances);

            for (String id : changed) {
                if (before.containsKey(id)) {
                    assertEquals(before.get(id), after.get(id), id + " moved with " + instances + " instances");
                }
            }
        }
    }

    @Test
    void fourInstancesShareThreeHundredProductsRoughlyEvenly() {
        for (int instance = 1; instance <= 4; instance++) {
            int share = new InstanceSplit(instance, 4).productIds(IDS).size();

            assertTrue(share >= 45 && share <= 105, "instance " + instance + " of 4 follows " + share + " of 300");
        }
    }

    @Test
    void priorityProductsFollowTheSameRule() {
        Set<String> priority = Set.of("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD", "LINK-EUR");
        Set<String> union = new HashSet<>();
        for (int instance = 1; instance <= 3; instance++) {
            InstanceSplit split = new InstanceSplit(instance, 3);
            Set<String> own = split.priorityIds(priority);

            assertTrue(split.productIds(IDS).containsAll(own), split + " has priority ids it does not follow: " + own);
            own.forEach(id -> assertEquals(split.instance(), InstanceSplit.instanceOf(id, 3), id));
            union.addAll(own);
        }
        assertEquals(priority, union);
    }

    @Test
    void theShareOfAProductIsFixedByItsId() {
        // FNV-1a's published test vectors: the hash, hence every split, is the same on every host and JVM.
        assertEquals(0x811c9dc5, InstanceSplit.fnv1a32(""));
        assertEquals(0xe40c292c, InstanceSplit.fnv1a32("a"));
        assertEquals(0xbf9cf968, InstanceSplit.fnv1a32("foobar"));
        assertEquals(Integer.remainderUnsigned(InstanceSplit.fnv1a32("BTC-USD"), 4) + 1,
                InstanceSplit.instanceOf("BTC-USD", 4));
        assertTrue(new InstanceSplit(InstanceSplit.instanceOf("BTC-USD", 4), 4).follows("BTC-USD"));
    }

    @Test
    void anInstanceOutsideTheRangeIsRefusedWithItsBounds() {
        assertEquals("instance: 3 (expected 1..2, one of the 2 instances)",
                assertThrows(IllegalArgumentException.class, () -> new InstanceSplit(3, 2)).getMessage());
        assertEquals("instance: 0 (expected 1..4, one of the 4 instances)",
                assertThrows(IllegalArgumentException.class, () -> new InstanceSplit(0, 4)).getMessage());
        assertEquals("instances: 0 (expected >= 1)",
                assertThrows(IllegalArgumentException.class, () -> new InstanceSplit(1, 0)).getMessage());
    }

    private static Map<String, Integer> owners(List<String> ids, int instances) {
        Map<String, Integer> owners = new HashMap<>();
        for (int instance = 1; instance <= instances; instance++) {
            for (String id : new InstanceSplit(instance, instances).productIds(ids)) {
                owners.put(id, instance);
            }
        }
        return owners;
    }

    private static List<Product> products(List<String> ids) {
        return ids.stream().map(id -> {
            String[] parts = id.split("-");
            return new Product(id, parts[0], parts[1], true, true, "", BigDecimal.ONE);
        }).collect(Collectors.toList());
    }
}
