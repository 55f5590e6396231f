package org.tokendrift.train;

import org.tokendrift.diffusion.Backbone;
import org.tokendrift.diffusion.Corruption;
import org.tokendrift.drift.DriftDiagnostics;
import org.tokendrift.drift.DriftField;
import org.tokendrift.drift.DriftInputs;
import org.tokendrift.drift.LiftedFeatures;
import org.tokendrift.drift.PredictionStatistics;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.drift.TokenDriftObjective;
import org.tokendrift.nn.DiT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Drift statistics on the fixed validation batches, the progress signal of TokenDrift (its loss
 * stays near alpha^2/2 by construction, research note §D.4). With N validation sequences, their
 * generated features h_i (the model's completion of a corrupted sequence, lifted and encoded) and
 * real features u_i (the clean sequence encoded), all through the frozen encoder:
 * <pre>
 *   d2_paired     = (1/N) sum_i ||h_i - u_i||^2                      each completion vs its own text
 *   mean_gap      = ||(1/N) sum_i h_i - (1/N) sum_i u_i||^2           first moments of the two sets
 *   vnorm_tau     = (1/N) sum_i ||V_tau(h_i)||,  positives {u}, negatives {h} \ {h_i}, no queues
 *   d2_pos, d2_neg = mean squared distances anchor-positive and anchor-negative
 *   argmax_mean_gap = ||(1/N) sum_i a_i - (1/N) sum_i u_i||^2     a_i: the same predictions lifted as
 *                                                                   hard tokens E[argmax p] (what a sampler picks)
 *   soft_argmax_d2  = (1/N) sum_i ||h_i - a_i||^2                  how far the soft mixture is from its tokens
 *   top_share, top_token = share of predicted positions whose argmax is the commonest argmax, and that token
 * </pre>
 * A run can meet the objective through the soft mixture alone (mean_gap falls, argmax_mean_gap does
 * not) or through tokens the encoder reads as "no information" (top_token becomes a special token);
 * both were seen at this scale (data/results/diagnosis/README.md).
 * V_tau is the un-normalised per-temperature field, the quantity that goes to zero as the
 * generated distribution approaches the real one. Times, masks and sequences are the same at
 * every validation pass, so the values compare across a run (and across runs on the same data).
 * Nothing here touches the training queues.
 */
final class DriftValidation {

    private final TokenDriftObjective drift;
    private final DriftField field;
    private final List<String> names;

    DriftValidation(TokenDriftObjective drift) {
        this.drift = drift;
        this.field = new DriftField(drift.config().drift());
        List<String> n = new ArrayList<>(List.of("d2_paired", "mean_gap"));
        n.addAll(temperatureNames("vnorm_", drift.config().drift().temperatures()));
        n.addAll(List.of("d2_pos", "d2_neg", "argmax_mean_gap", "soft_argmax_d2", "top_share", "top_token"));
        this.names = List.copyOf(n);
    }

    /** {@code prefix + tau} for each temperature, e.g. {@code vnorm_0.02}. */
    static List<String> temperatureNames(String prefix, double[] temperatures) {
        List<String> out = new ArrayList<>();
        for (double t : temperatures) {
            out.add(prefix + t);
        }
        return out;
    }

    List<String> names() {
        return names;
    }

    /** The statistics over all batches; batch i is corrupted with {@code noise.get(i)}. */
    double[] evaluate(DiT model, Backbone backbone, List<int[][]> batches, List<RandomGenerator> noise) {
        TokenDriftConfig config = drift.config();
        List<double[]> generated = new ArrayList<>();
        List<double[]> real = new ArrayList<>();
        List<double[]> argmax = new ArrayList<>();
        PredictionStatistics.Accumulator predictions = new PredictionStatistics.Accumulator();
        for (int i = 0; i < batches.size(); i++) {
            int[][] batch = batches.get(i);
            Corruption c = backbone.corrupt(batch, noise.get(i));
            // In micro-batches: the frozen encoder then reuses its training-size buffers.
            for (int from = 0; from < batch.length; from += config.microBatch()) {
                int to = Math.min(batch.length, from + config.microBatch());
                int[][] tokens = Arrays.copyOfRange(c.tokens(), from, to);
                double[] sigma = c.sigma() == null ? null : Arrays.copyOfRange(c.sigma(), from, to);
                double[] encoderSigma = drift.encoderSigma(sigma);
                DiT.Pass pass = model.infer(tokens, sigma);
                boolean[][] predicted = Arrays.copyOfRange(c.predicted(), from, to);
                LiftedFeatures lifted = drift.generatedFeatures(pass.logits(), tokens, predicted, encoderSigma);
                generated.addAll(List.of(lifted.features()));
                predictions.add(lifted.lifted().predictedProbabilities());
                argmax.addAll(List.of(drift.argmaxFeatures(pass.logits(), tokens, predicted, encoderSigma)));
                real.addAll(List.of(drift.realFeatures(Arrays.copyOfRange(batch, from, to), encoderSigma)));
            }
            NativeMemory.releaseGarbage();
        }
        double[][] h = generated.toArray(double[][]::new);
        double[][] u = real.toArray(double[][]::new);
        double[][] a = argmax.toArray(double[][]::new);
        PredictionStatistics shares = predictions.result();
        DriftDiagnostics d = field.compute(DriftInputs.tokenDrift(h, u, new double[0][], new double[0][],
                config.selfExclusion())).diagnostics();
        double[] out = new double[names.size()];
        int k = 0;
        out[k++] = meanPairedSquaredDistance(h, u);
        out[k++] = squaredDistanceOfMeans(h, u);
        for (double norm : d.meanRawNorm()) {
            out[k++] = norm;
        }
        out[k++] = d.meanSqDistToPositives();
        out[k++] = d.meanSqDistToNegatives();
        out[k++] = squaredDistanceOfMeans(a, u);
        out[k++] = meanPairedSquaredDistance(h, a);
        out[k++] = shares.topShare();
        out[k] = shares.topToken();
        return out;
    }

    static double meanPairedSquaredDistance(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                double diff = a[i][c] - b[i][c];
                sum += diff * diff;
            }
        }
        return sum / a.length;
    }

    static double squaredDistanceOfMeans(double[][] a, double[][] b) {
        double sum = 0;
        for (int c = 0; c < a[0].length; c++) {
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff += a[i][c] - b[i][c];
            }
            diff /= a.length;
            sum += diff * diff;
        }
        return sum;
    }
}
