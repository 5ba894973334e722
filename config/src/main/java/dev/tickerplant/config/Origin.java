package dev.tickerplant.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where a value came from, worded for the parenthesis of an error message: "from env TOP_USD_PAIRS". */
record Origin(String description) {

    static final Origin DEFAULT = new Origin("from default");

    Origin {
        Objects.requireNonNull(description, "description");
    }

    static Origin commandLine(String flag) {
        return new Origin("from command line " + flag);
    }

    static Origin environment(String variable) {
        return new Origin("from env " + variable);
    }

    static Origin configFile(Path file, int line) {
        return new Origin("from config file " + file + " line " + line);
    }

    @Override
    public String toString() {
        return description;
    }
}
