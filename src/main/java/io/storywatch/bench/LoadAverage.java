package io.storywatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, recorded with every figure because the cores are shared and figures depend on it. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} gives them, or "unknown". */
    public static String read() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
