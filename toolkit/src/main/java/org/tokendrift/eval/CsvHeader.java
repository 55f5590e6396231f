package org.tokendrift.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks the header line of a CSV file against a schema's columns before the file is parsed. */
final class CsvHeader {

    private CsvHeader() {
    }

    /**
     * Fails unless the first line of {@code csv} names exactly {@code columns} (in any order); the
     * message names the missing and the unexpected columns and the {@code schema}.
     */
    static void require(Path csv, List<String> columns, String schema) throws IOException {
        String header;
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            header = reader.readLine();
        }
        if (header == null || header.isBlank()) {
            throw new IOException(csv + " is empty; expected the header " + String.join(",", columns));
        }
        Set<String> found = new LinkedHashSet<>();
        for (String cell : header.replace("\uFEFF", "").split(",", -1)) {
            found.add(cell.strip().replace("\"", ""));
        }
        List<String> missing = new ArrayList<>(columns);
        missing.removeAll(found);
        List<String> unexpected = new ArrayList<>(found);
        unexpected.removeAll(columns);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IOException(csv + " does not match the " + schema + ": "
                    + (missing.isEmpty() ? "" : "missing column(s) " + missing + " ")
                    + (unexpected.isEmpty() ? "" : "unexpected column(s) " + unexpected + " ")
                    + "(expected exactly " + String.join(",", columns) + ")");
        }
    }
}
