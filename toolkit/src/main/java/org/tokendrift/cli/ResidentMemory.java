package org.tokendrift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process from /proc (Linux); -1 where unavailable. */
final class ResidentMemory {
    private ResidentMemory() {
    }

    /** Current RSS in MiB. */
    static double currentMb() {
        return field("VmRSS:");
    }

    /** Peak RSS (high-water mark) in MiB. */
    static double peakMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
