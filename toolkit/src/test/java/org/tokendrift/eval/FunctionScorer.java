package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Test judge: the NLL at position i is a function of the previous and the current token, like a
 * bigram model. Remembers every batch it was asked to score.
 */
final class FunctionScorer implements TokenScorer {

    /** NLL of {@code current} after {@code previous}. */
    @FunctionalInterface
    interface BigramNll {
        double nll(int previous, int current);
    }

    final List<int[][]> batchesSeen = new ArrayList<>();
    private final BigramNll bigram;
    private final int maxLength;

    FunctionScorer(int maxLength, BigramNll bigram) {
        this.maxLength = maxLength;
        this.bigram = bigram;
    }

    @Override
    public double[][] nll(int[][] tokens) {
        batchesSeen.add(tokens);
        double[][] nll = new double[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            nll[b] = new double[tokens[b].length];
            nll[b][0] = Double.NaN;
            for (int i = 1; i < tokens[b].length; i++) {
                nll[b][i] = bigram.nll(tokens[b][i - 1], tokens[b][i]);
            }
        }
        return nll;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }
}
