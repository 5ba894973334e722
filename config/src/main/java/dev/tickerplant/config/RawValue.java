package dev.tickerplant.config;

import java.util.Objects;

/** A setting's text as one layer (command line, environment, config file) gave it, before parsing. */
record RawValue(String text, Origin origin) {

    RawValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
    }
}
