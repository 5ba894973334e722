package dev.tickerplant.config;

/** Hides credentials in logs and error messages while leaving enough to tell two keys apart. */
final class SecretMask {

    private static final int SHOWN_TAIL = 4;
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 12;

    private SecretMask() {
    }

    /** {@code ****abcd}: the last four characters of a long value, nothing of a short one. */
    static String mask(String secret) {
        if (secret.isEmpty()) {
            return "";
        }
        if (secret.length() < MIN_LENGTH_TO_SHOW_TAIL) {
            return "****";
        }
        return "****" + secret.substring(secret.length() - SHOWN_TAIL);
    }
}
