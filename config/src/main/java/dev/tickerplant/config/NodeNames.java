package dev.tickerplant.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** A node's name on the bus: by default this host's name, reduced to the characters a name may hold. */
final class NodeNames {

    static final int MAX_LENGTH = 64;
    static final String DEFAULT_DESCRIPTION =
            "the host name, lower-cased, with every character other than a-z, 0-9, _ and - turned into -";

    /** Linux keeps the kernel's host name here; reading it needs no name lookup, which can hang on a bad resolver. */
    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_-]");
    private static final String FALLBACK = "localhost";

    private NodeNames() {
    }

    /** This host's name as a node name. */
    static String ofThisHost() {
        return fromHostName(hostName());
    }

    /** {@code Web-01.Example.com} becomes {@code web-01-example-com}; cut to 64 characters, never empty. */
    static String fromHostName(String hostName) {
        String name = NOT_ALLOWED.matcher(hostName.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
        if (name.isEmpty()) {
            return FALLBACK;
        }
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    private static String hostName() {
        try {
            if (Files.isReadable(KERNEL_HOST_NAME)) {
                String name = Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // Not Linux, or /proc is hidden: ask the JDK instead.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolvable) {
            // A host whose own name does not resolve still runs; node-name can name it explicitly.
            return FALLBACK;
        }
    }
}
