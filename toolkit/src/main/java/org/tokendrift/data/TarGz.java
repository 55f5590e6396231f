package org.tokendrift.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads the regular files of a {@code .tgz} (as npm packs them) into memory, by path. */
public final class TarGz {

    private TarGz() {
    }

    /** Path inside the archive (e.g. {@code package/README}) to content, sorted by path. */
    public static SortedMap<String, byte[]> readFiles(Path archive) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
