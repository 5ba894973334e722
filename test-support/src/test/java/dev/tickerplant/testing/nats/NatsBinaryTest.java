package dev.tickerplant.testing.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsBinaryTest {

    @TempDir
    Path temp;

    @Test
    void theFirstExecutableOnPathWins() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Path binary = executable(bin.resolve("nats-server"));
        Path fallback = executable(Files.createDirectory(temp.resolve("sbin")).resolve("nats-server"));

        assertEquals(binary, NatsBinary.locate(empty + File.pathSeparator + bin, fallback));
    }

    @Test
    void withoutOneOnPathDebiansPlaceIsTried() throws IOException {
        Path notExecutable = Files.createFile(
                Files.createDirectory(temp.resolve("bin")).resolve("nats-server"));
        Path fallback = executable(Files.createDirectory(temp.resolve("sbin")).resolve("nats-server"));

        assertEquals(fallback, NatsBinary.locate(notExecutable.getParent().toString(), fallback));
    }

    @Test
    void aMissingBinaryIsOneLineThatNamesThePackage() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> NatsBinary.locate(temp.toString(), temp.resolve("nats-server")));

        assertEquals("nats-server not found: install the Debian package nats-server", missing.getMessage());
    }

    private static Path executable(Path path) throws IOException {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return path;
    }
}
