package org.tokendrift.train;

import org.tokendrift.drift.FeatureQueue;
import org.tokendrift.util.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The contents of feature queues in one file, so that a resumed TokenDrift run has the queues the
 * interrupted run had. Layout (big-endian): magic {@code TDQUEUE1}, the number of queues, then per
 * queue its capacity, size and dimension followed by its rows oldest first as float64. Written
 * atomically, so a file is either complete or absent; a short or inconsistent file is refused.
 */
final class FeatureQueueFile {

    private static final byte[] MAGIC = "TDQUEUE1".getBytes(StandardCharsets.US_ASCII);

    private FeatureQueueFile() {
    }

    static void write(Path file, FeatureQueue... queues) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.write(MAGIC);
            out.writeInt(queues.length);
            for (FeatureQueue q : queues) {
                double[][] rows = q.snapshot();
                out.writeInt(q.capacity());
                out.writeInt(rows.length);
                out.writeInt(Math.max(q.dim(), 0));
                for (double[] row : rows) {
                    for (double v : row) {
                        out.writeDouble(v);
                    }
                }
            }
            out.flush();
        });
    }

    /** Replaces the contents of {@code queues} (same number and capacities as written) with the file's. */
    static void read(Path file, FeatureQueue... queues) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("feature queue file " + file + " does not exist");
        }
        double[][][] contents = new double[queues.length][][];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a feature queue file (bad magic)");
            }
            int count = in.readInt();
            if (count != queues.length) {
                throw new IOException(file + " holds " + count + " queues, expected " + queues.length);
            }
            for (int q = 0; q < count; q++) {
                int capacity = in.readInt();
                int size = in.readInt();
                int dim = in.readInt();
                if (capacity != queues[q].capacity() || size < 0 || size > capacity || dim < 0) {
                    throw new IOException(file + ": queue " + q + " has capacity " + capacity + " and " + size
                            + " rows, but this run's queue has capacity " + queues[q].capacity());
                }
                contents[q] = new double[size][dim];
                for (double[] row : contents[q]) {
                    for (int c = 0; c < dim; c++) {
                        row[c] = in.readDouble();
                    }
                }
            }
            if (in.read() != -1) {
                throw new IOException(file + ": unexpected bytes after the last queue");
            }
        } catch (EOFException e) {
            throw new IOException(file + ": file is truncated", e);
        }
        for (int q = 0; q < queues.length; q++) {
            queues[q].clear();
            queues[q].push(contents[q]);
        }
    }
}
