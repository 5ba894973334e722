package dev.tickerplant.testing.nats;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Where the {@code nats-server} binary is: the first one on PATH, else where Debian's package puts it. */
final class NatsBinary {

    /** Debian installs it under sbin, which an ordinary user's PATH often lacks. */
    static final Path DEBIAN = Path.of("/usr/sbin/nats-server");
    static final String NOT_FOUND = "nats-server not found: install the Debian package nats-server";

    private static final String NAME = "nats-server";

    private NatsBinary() {
    }

    static Path locate() {
        return locate(System.getenv("PATH"), DEBIAN);
    }

    static Path locate(String pathVariable, Path fallback) {
        if (pathVariable != null) {
            for (String directory : pathVariable.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(directory, NAME);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                } catch (InvalidPathException ignored) {
                    // a PATH entry that is no path cannot hold the binary
                }
            }
        }
        if (Files.isRegularFile(fallback) && Files.isExecutable(fallback)) {
            return fallback;
        }
        throw new IllegalStateException(NOT_FOUND);
    }
}
