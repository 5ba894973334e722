package dev.tickerplant.bus;

/**
 * The subjects of one deployment. Ticks go to {@code <prefix>.ticker.<PRODUCT_ID>} (one subject per product, so the
 * stream can keep the last tick of each and a consumer can filter by product); node status to
 * {@code <prefix>.status.<node>} and volume alerts to {@code <prefix>.alert.<PRODUCT_ID>}, both outside the stream, so
 * that stream sequences count ticks only.
 */
public record Subjects(String prefix) {

    public String ticker(String productId) {
        return prefix + ".ticker." + productId;
    }

    /** Every product's ticks: what the stream captures. */
    public String allTickers() {
        return prefix + ".ticker.>";
    }

    /** The product id of a ticker subject, or null when {@code subject} is not one. */
    public String productOf(String subject) {
        String head = prefix + ".ticker.";
        return subject.startsWith(head) && subject.length() > head.length() ? subject.substring(head.length()) : null;
    }

    public String alert(String productId) {
        return prefix + ".alert." + productId;
    }

    public String status(String nodeName) {
        return prefix + ".status." + nodeName;
    }

    public String allStatus() {
        return prefix + ".status.*";
    }
}
