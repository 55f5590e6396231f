package org.tokendrift.eval;

import java.util.Locale;

/** One (seed, NFE) evaluation of an {@link NfeSweep}: one samples file and one row of the results CSV. */
public record SweepCell(long seed, int nfe) {

    /** The key of this cell's row for the samples of {@code descriptor}. */
    public ResultRow.Key key(SampleDescriptor descriptor) {
        return new ResultRow.Key(descriptor.backbone(), descriptor.method(), descriptor.trainSteps(), seed, nfe);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "seed %d NFE %d", seed, nfe);
    }
}
