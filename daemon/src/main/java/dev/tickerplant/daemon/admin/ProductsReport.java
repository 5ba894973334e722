package dev.tickerplant.daemon.admin;

import java.util.List;

/**
 * The products followed now.
 *
 * @param selection what chooses them, as the settings and the admin changes since start say ("top 50 USD", "all USD",
 *                  "explicit", each with "+ N added, - M removed at run time" when there were such changes)
 * @param products  each followed product, by id
 */
public record ProductsReport(String selection, List<FollowedProduct> products) {

    public ProductsReport {
        products = List.copyOf(products);
    }

    /**
     * @param id         the product id
     * @param priority   on a priority connection
     * @param connection the connection carrying it (the first leg's name when there are two), e.g. {@code conn-03a}
     */
    public record FollowedProduct(String id, boolean priority, String connection) {
    }
}
