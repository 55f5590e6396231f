package org.tokendrift.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process, read from {@code /proc/self/status} (Linux); NaN elsewhere. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Current resident set size in MB, or NaN where /proc is not available. */
    public static double residentMb() {
        return field("VmRSS:");
    }

    /** Peak resident set size in MB, or NaN where /proc is not available. */
    public static double peakResidentMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
