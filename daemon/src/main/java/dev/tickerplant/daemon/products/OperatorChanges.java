package dev.tickerplant.daemon.products;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes an operator made at run time, which stand until a restart: products added (followed whatever the
 * selection says, while the catalog lists them) and removed (left out even when the selection picks them), and
 * priority products added or removed (over the {@code priority-products} setting). A later change of the same product
 * undoes an earlier one.
 */
record OperatorChanges(Set<String> added, Set<String> removed, Set<String> priorityAdded,
                       Set<String> priorityRemoved) {

    static final OperatorChanges NONE = new OperatorChanges(Set.of(), Set.of(), Set.of(), Set.of());

    OperatorChanges {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        priorityAdded = Set.copyOf(priorityAdded);
        priorityRemoved = Set.copyOf(priorityRemoved);
    }

    OperatorChanges withProducts(List<String> add, List<String> remove) {
        return new OperatorChanges(plusMinus(added, add, remove), plusMinus(removed, remove, add), priorityAdded,
                // A product removed is no longer a priority product either.
                plusMinus(priorityRemoved, remove, List.of()));
    }

    /** A product made priority is followed again even if it had been removed. */
    OperatorChanges withPriority(List<String> add, List<String> remove) {
        return new OperatorChanges(added, plusMinus(removed, List.of(), add), plusMinus(priorityAdded, add, remove),
                plusMinus(priorityRemoved, remove, add));
    }

    private static Set<String> plusMinus(Set<String> base, List<String> plus, List<String> minus) {
        Set<String> result = new LinkedHashSet<>(base);
        result.addAll(plus);
        minus.forEach(result::remove);
        return result;
    }
}
