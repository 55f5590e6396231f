package org.tokendrift.eval;

/**
 * One row of {@code data/results/paper-tables.csv}: a value the paper reports (mean ± SD over its
 * 3 seeds) for one method of one backbone at one NFE, as transcribed ({@link PaperTables}).
 *
 * @param table          the paper's table number (1 MDLM, 2 DUO, 3-6 MDLM ablations)
 * @param backbone       {@code mdlm} or {@code duo}, as in {@code reproduction.csv}
 * @param method         method name by the convention of {@link Methods}
 * @param continualSteps continual-training steps of the paper's checkpoint (13,000 for Tables 1-4,
 *                       5,000 for Tables 5-6; 0 for the released checkpoint)
 * @param nfe            number of network calls of the sampler
 * @param genPplMean     Gen-PPL under GPT-2 Large, mean over seeds
 * @param genPplSd       its SD over seeds
 * @param entropyMean    mean unigram entropy of the samples (nats), mean over seeds
 * @param entropySd      its SD over seeds
 * @param source         where the value was transcribed from (file and section)
 */
public record PaperRow(int table, String backbone, String method, int continualSteps, int nfe,
                       double genPplMean, double genPplSd, double entropyMean, double entropySd, String source) {
}
