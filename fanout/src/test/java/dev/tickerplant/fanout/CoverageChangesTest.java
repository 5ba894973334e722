package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageChangesTest {
    private static final List<String> SHARD = List.of("BTC-USD", "ETH-USD");
    private final CoverageChanges changes = new CoverageChanges();

    @Test
    void theFirstPollOnlySetsTheBaseline() {
        assertEquals(List.of(), changes.next(List.of(leg("conn-00", false, 0))));
    }

    @Test
    void withRedundantLegsOneLegDownIsNotBlindnessButBothDownIs() {
        changes.next(List.of(leg("conn-00a", true, 0), leg("conn-00b", true, 0)));

        assertEquals(List.of("connection conn-00a stale"),
                describe(changes.next(List.of(leg("conn-00a", false, 1), leg("conn-00b", true, 0)))));
        assertEquals(List.of("connection conn-00b stale", "product BTC-USD stale", "product ETH-USD stale"),
                describe(changes.next(List.of(leg("conn-00a", false, 1), leg("conn-00b", false, 1)))));
        assertEquals(List.of("connection conn-00b recovered", "product BTC-USD recovered",
                "product ETH-USD recovered"),
                describe(changes.next(List.of(leg("conn-00a", false, 1), leg("conn-00b", true, 1)))));
        // A leg bouncing between polls while the other streams: the connection, not the products.
        assertEquals(List.of("connection conn-00b stale", "connection conn-00b recovered"),
                describe(changes.next(List.of(leg("conn-00a", true, 1), leg("conn-00b", true, 2)))
                        .subList(1, 3)));
    }

    @Test
    void unchangedPollsReportNothingAndTheNextChangeIsStillSeen() {
        changes.next(List.of(leg("conn-00", true, 0)));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), changes.next(List.of(leg("conn-00", true, 0))));
        }
        assertEquals(List.of("connection conn-00 stale", "product BTC-USD stale", "product ETH-USD stale"),
                describe(changes.next(List.of(leg("conn-00", false, 1)))));
        assertEquals(List.of(), changes.next(List.of(leg("conn-00", false, 1))));
        assertEquals(List.of("connection conn-00 recovered", "product BTC-USD recovered",
                "product ETH-USD recovered"), describe(changes.next(List.of(leg("conn-00", true, 1)))));
    }

    @Test
    void aSingleLegBouncingBetweenPollsBlindedItsProducts() {
        changes.next(List.of(leg("conn-00", true, 0)));

        assertEquals(List.of("connection conn-00 stale", "connection conn-00 recovered", "product BTC-USD stale",
                "product BTC-USD recovered", "product ETH-USD stale", "product ETH-USD recovered"),
                describe(changes.next(List.of(leg("conn-00", true, 1)))));
    }

    @Test
    void aConnectionStartingUpIsNeitherStaleNorRecoveredUntilItHadItsChance() {
        ConnectionStatus subscribing = new ConnectionStatus("conn-00", "SUBSCRIBING", false, SHARD, 0, "", 0);
        assertEquals(List.of(), CoverageChanges.blindProducts(List.of(subscribing)));
        changes.next(List.of(subscribing));

        assertEquals(List.of(), changes.next(List.of(leg("conn-00", true, 0))), "a first ack is no recovery");
        assertEquals(List.of("connection conn-00 stale", "product BTC-USD stale", "product ETH-USD stale"),
                describe(changes.next(List.of(leg("conn-00", false, 1)))));

        CoverageChanges fresh = new CoverageChanges();
        fresh.next(List.of(subscribing));
        assertEquals(List.of("connection conn-00 stale", "product BTC-USD stale", "product ETH-USD stale"),
                describe(fresh.next(List.of(new ConnectionStatus("conn-00", "BACKOFF", false, SHARD, 0,
                        "subscribe timeout: no ack within 5000 ms", 0)))), "a first attempt that failed had its chance");
    }

    @Test
    void blindProductsNameEveryCarrierAndWhy() {
        ConnectionStatus a = new ConnectionStatus("conn-00a", "BACKOFF", false, SHARD, 0, "reset by peer", 3);
        ConnectionStatus b = new ConnectionStatus("conn-00b", "CONNECTING", false, SHARD, 0, "", 1);

        CoverageChanges.Event blind = CoverageChanges.blindProducts(List.of(a, b)).get(0);

        assertEquals("BTC-USD", blind.id());
        assertEquals("no streaming connection carries it: conn-00a BACKOFF: reset by peer; conn-00b CONNECTING",
                blind.reason());
    }

    private static ConnectionStatus leg(String id, boolean streaming, long drops) {
        return new ConnectionStatus(id, streaming ? "STREAMING" : "BACKOFF", streaming, SHARD, streaming ? 2 : 0, "",
                drops);
    }

    private static List<String> describe(List<CoverageChanges.Event> events) {
        return events.stream().map(e -> e.scope() + " " + e.id() + " " + (e.stale() ? "stale" : "recovered"))
                .toList();
    }
}
