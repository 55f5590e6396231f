package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One evaluated unit: the samples a model generated at one NFE with one seed, as generator token
 * ids together with their decoded text. This is exactly what is written to
 * {@code data/results/samples/<name>.jsonl}, so that every metric can be recomputed from disk.
 *
 * <p>The arrays are not copied; treat them as read-only.
 *
 * @param descriptor backbone, method, checkpoint and training steps
 * @param nfe        network calls per sample; {@code 0} for a reference set that was not sampled
 *                   ({@code real_text})
 * @param seed       seed given to the sampler (or used to choose held-out text)
 * @param texts      decoded text of each sample, same order as {@code tokenIds}
 * @param tokenIds   generator token ids {@code [numSamples][L]}
 */
public record SampleSet(SampleDescriptor descriptor, int nfe, long seed, List<String> texts, int[][] tokenIds) {

    public SampleSet {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(tokenIds, "tokenIds");
        if (nfe < 0) {
            throw new IllegalArgumentException("nfe must be >= 0, got " + nfe);
        }
        if (texts.size() != tokenIds.length) {
            throw new IllegalArgumentException("texts has " + texts.size() + " entries but tokenIds has "
                    + tokenIds.length + " rows; they must describe the same samples");
        }
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("a sample set needs at least one sample");
        }
        texts = List.copyOf(texts);
    }

    /** Decodes {@code tokenIds} with the generator's codec and wraps everything as a sample set. */
    public static SampleSet decode(SampleDescriptor descriptor, int nfe, long seed, int[][] tokenIds, TextCodec generatorCodec) {
        List<String> texts = new ArrayList<>(tokenIds.length);
        for (int[] ids : tokenIds) {
            texts.add(generatorCodec.decode(ids));
        }
        return new SampleSet(descriptor, nfe, seed, texts, tokenIds);
    }

    public int size() {
        return tokenIds.length;
    }
}
