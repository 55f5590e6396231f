package org.tokendrift.eval;

/**
 * Every metric of one sample set.
 *
 * @param genPpl     judge-scored, token-pooled Gen-PPL ({@link GenerativePerplexity})
 * @param genPplDetail totals behind {@code genPpl} (NLL sum, scored tokens, samples)
 * @param entropy    mean per-sample unigram entropy in nats ({@link UnigramEntropy})
 * @param distinct2  distinct bigram ratio over the whole set ({@link DistinctN})
 * @param distinct3  distinct trigram ratio
 * @param distinct4  distinct 4-gram ratio
 * @param selfBleu   mean BLEU-4 of each sample against the others ({@link SelfBleu})
 */
public record SampleMetrics(double genPpl, GenPplResult genPplDetail, double entropy,
                            double distinct2, double distinct3, double distinct4, double selfBleu) {
}
