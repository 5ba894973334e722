package dev.tickerplant.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run measured: cores, memory, CPU model, JDK, OS. */
public final class Machine {

    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        json.put("memory", command("free", "-h").lines().filter(l -> l.startsWith("Mem:"))
                .map(l -> l.replaceAll("\\s+", " ").trim()).findFirst().orElse("unknown"));
        json.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return json;
    }

    static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or no such file: say so in the report
        }
        return "unknown";
    }

    static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
