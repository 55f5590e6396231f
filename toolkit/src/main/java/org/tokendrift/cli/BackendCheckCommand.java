package org.tokendrift.cli;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.CrossEntropyResult;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.GradientClipping;
import org.tokendrift.nn.WeightedCrossEntropy;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plain answers about the ND4J backend this process runs on (CPU or CUDA): does it initialise,
 * does a float32 matmul on it agree with a float64 reference computed in Java on the host, and do
 * a forward/backward and a short training run of the engine work (the loss must fall).
 * Exit code 0 when every check passes.
 */
@Command(name = "backend-check", mixinStandardHelpOptions = true,
        description = "Check that the ND4J backend initialises, computes a matmul correctly and trains the engine.")
public final class BackendCheckCommand implements Callable<Integer> {
    @Option(names = "--train-steps", description = "steps of the short training run (default ${DEFAULT-VALUE})")
    int trainSteps = 60;

    @Override
    public Integer call() {
        System.out.println("backend: " + Nd4j.getBackend().getClass().getName());
        System.out.println("environment: " + Nd4j.getExecutioner().getEnvironmentInformation());
        boolean ok = matmulCheck();
        ok &= trainingCheck();
        System.out.println(ok ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED");
        return ok ? 0 : 1;
    }

    /** C = A B on the backend (float32) against a host float64 triple loop. */
    static boolean matmulCheck() {
        int m = 300, k = 257, n = 190;
        Random rnd = new Random(3);
        double[][] a = new double[m][k];
        double[][] b = new double[k][n];
        for (double[] row : a) {
            for (int j = 0; j < k; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        INDArray da = Nd4j.createFromArray(a).castTo(DataType.FLOAT);
        INDArray db = Nd4j.createFromArray(b).castTo(DataType.FLOAT);
        INDArray dc = Nd4j.create(DataType.FLOAT, m, n);
        Nd4j.gemm(da, db, dc, false, false, 1.0, 0.0);
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double ref = 0;
                for (int p = 0; p < k; p++) {
                    ref += a[i][p] * b[p][j];
                }
                worst = Math.max(worst, Math.abs(dc.getDouble(i, j) - ref) / Math.sqrt(k));
            }
        }
        boolean ok = worst < 1e-4;
        System.out.printf(Locale.ROOT, "matmul [%d,%d]x[%d,%d] float32 on backend vs float64 host: max error / sqrt(k) = %.2e -> %s%n",
                m, k, k, n, worst, ok ? "PASS" : "FAIL");
        return ok;
    }

    /** A small DiT memorises one batch; exercises gather, scatter-add, softmax and batched matmul. */
    boolean trainingCheck() {
        DiTConfig cfg = DiTConfig.builder().vocabSize(64).seqLen(16).width(32).layers(2).heads(2).condDim(16)
                .mlpRatio(4).dropout(0.0).timeConditioning(true).build();
        DiT model = new DiT(cfg, 1);
        AdamW opt = new AdamW(AdamWConfig.builder().build(), model.parameters());
        WeightedCrossEntropy head = new WeightedCrossEntropy();
        Random rnd = new Random(4);
        int batch = 8;
        int[][] tokens = new int[batch][cfg.seqLen()];
        int[] targets = new int[batch * cfg.seqLen()];
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < cfg.seqLen(); l++) {
                tokens[b][l] = rnd.nextInt(cfg.vocabSize());
                targets[b * cfg.seqLen() + l] = tokens[b][l];
            }
        }
        double[] weights = new double[targets.length];
        java.util.Arrays.fill(weights, 1.0);
        double[] sigma = new double[batch];
        java.util.Arrays.fill(sigma, 1.0);
        double first = Double.NaN;
        double last = Double.NaN;
        long t0 = System.nanoTime();
        for (int step = 0; step < trainSteps; step++) {
            try (DiT.Pass pass = model.forward(tokens, sigma, true)) {
                CrossEntropyResult r = head.compute(pass.logits(), targets, weights, targets.length);
                pass.backward(r.dLogits(), null, null);
                last = r.value();
                if (step == 0) {
                    first = last;
                }
            }
            GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
            opt.step(1e-2);
        }
        boolean ok = Double.isFinite(last) && last < 0.5 * first;
        System.out.printf(Locale.ROOT, "short training run (%d steps, %.1f s): loss %.4f -> %.4f -> %s%n", trainSteps,
                (System.nanoTime() - t0) / 1e9, first, last, ok ? "PASS" : "FAIL");
        return ok;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackendCheckCommand()).execute(args));
    }
}
