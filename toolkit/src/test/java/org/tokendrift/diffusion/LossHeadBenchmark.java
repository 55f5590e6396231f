package org.tokendrift.diffusion;

import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Prints the time per call of the MDLM and DUO losses (value + dLogits), former implementation
 * ({@link LegacyLosses}) against the current one, at {@code N = B·L = 32·128 = 4096} rows and {@code V = 4096},
 * float32, interleaved in the same JVM (medians of wall-clock and process CPU time), then the time of one DiT
 * training step at the default scale for context. Not a test: nothing is asserted about time.
 *
 * <p>Run: {@code mvn -q -B -o -pl toolkit test -Dtest=LossHeadBenchmark} (system properties
 * {@code bench.rounds}, default 5 timed rounds after 1 warm-up round, and {@code bench.ditSteps}, default 3,
 * 0 to skip the DiT step); or call {@link #main}.
 */
@Tag("benchmark")
class LossHeadBenchmark {

    private static final int V = 4096;
    private static final int B = 32;
    private static final int L = 128;
    private static final int MASK = V - 1;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<String, List<double[]>> samples = new LinkedHashMap<>();

    @Test
    void benchmark() {
        run(Integer.getInteger("bench.rounds", 5), Integer.getInteger("bench.ditSteps", 3));
    }

    public static void main(String[] args) {
        new LossHeadBenchmark().run(args.length > 0 ? Integer.parseInt(args[0]) : 5,
                args.length > 1 ? Integer.parseInt(args[1]) : 3);
    }

    void run(int rounds, int ditSteps) {
        System.out.printf("loss-head benchmark: N = %d rows, V = %d, float32, %d cores, load average at start: %s%n",
                B * L, V, Runtime.getRuntime().availableProcessors(), loadAverage());
        SplittableRandom rng = new SplittableRandom(11);
        int[][] x0 = new int[B][L];
        for (int[] row : x0) {
            for (int l = 0; l < L; l++) {
                row[l] = rng.nextInt(V - 4); // never [MASK] = V - 1
            }
        }
        Mdlm mdlm = new Mdlm(MdlmConfig.defaults(V, MASK));
        Duo duo = new Duo(DuoConfig.defaults(V));
        Corruption mdlmNoise = mdlm.corrupt(x0, rng);
        Corruption duoNoise = duo.corrupt(x0, rng);
        INDArray logits = Nd4j.randn(DataType.FLOAT, (long) B * L, V).muli(3);

        compare("MDLM", mdlm.loss(logits, mdlmNoise, x0), LegacyLosses.mdlm(logits, mdlmNoise, x0, V, MASK));
        compare("DUO ", duo.loss(logits, duoNoise, x0), LegacyLosses.duo(logits, duoNoise, x0, V));

        INDArray probs = Nd4j.createUninitialized(DataType.FLOAT, (long) B * L, V);
        for (int round = -1; round < rounds; round++) {
            boolean record = round >= 0;
            time("MDLM old", record, () -> LegacyLosses.mdlm(logits, mdlmNoise, x0, V, MASK));
            time("MDLM new", record, () -> mdlm.loss(logits, mdlmNoise, x0));
            time("DUO  old", record, () -> LegacyLosses.duo(logits, duoNoise, x0, V));
            time("DUO  new", record, () -> duo.loss(logits, duoNoise, x0));
            time("softmax", record, () -> {
                Nd4j.exec(new SoftMax(logits, probs, 1));
                return new LossValue(0.0, probs, new double[0]);
            });
        }
        System.out.printf("%-10s %12s %12s %14s   (%d rounds, median, wall-clock min-max)%n",
                "", "wall ms", "cpu ms", "wall min-max", rounds);
        for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
            double[] wall = column(e.getValue(), 0);
            double[] cpu = column(e.getValue(), 1);
            System.out.printf("%-10s %12.1f %12.1f %7.0f-%-7.0f%n", e.getKey(), median(wall), median(cpu),
                    wall[0], wall[wall.length - 1]);
        }
        for (String family : new String[] {"MDLM", "DUO "}) {
            double wallRatio = median(column(samples.get(family + " old"), 0))
                    / median(column(samples.get(family + " new"), 0));
            double cpuRatio = median(column(samples.get(family + " old"), 1))
                    / median(column(samples.get(family + " new"), 1));
            System.out.printf("%s old/new: wall %.1fx, cpu %.1fx%n", family, wallRatio, cpuRatio);
        }
        System.out.println("(softmax = the ND4J float32 softmax op alone into a preallocated [N, V] buffer: the floor "
                + "both losses share)");
        if (ditSteps > 0) {
            ditStep(mdlm, x0, ditSteps, rng);
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    /** One DiT training step (forward, MDLM loss, backward, AdamW) at the default scale. */
    private void ditStep(Mdlm mdlm, int[][] x0, int steps, SplittableRandom rng) {
        DiT model = new DiT(DiTConfig.builder().build(), 1);
        AdamW optimizer = new AdamW(AdamWConfig.builder().weightDecay(0.0).build(), model.parameters());
        List<double[]> step = new ArrayList<>();
        List<double[]> loss = new ArrayList<>();
        for (int s = -1; s < steps; s++) {
            Corruption c = mdlm.corrupt(x0, rng);
            System.gc();
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            long lossWall;
            long lossCpu;
            try (DiT.Pass pass = model.forward(c.tokens(), c.sigma(), true)) {
                long cpu1 = OS.getProcessCpuTime();
                long t1 = System.nanoTime();
                LossValue value = mdlm.loss(pass.logits(), c, x0);
                lossWall = System.nanoTime() - t1;
                lossCpu = OS.getProcessCpuTime() - cpu1;
                pass.backward(value.dLogits(), null, null);
            }
            optimizer.step(3e-4);
            if (s >= 0) {
                step.add(new double[] {(System.nanoTime() - t0) / 1e6, (OS.getProcessCpuTime() - cpu0) / 1e6});
                loss.add(new double[] {lossWall / 1e6, lossCpu / 1e6});
            }
        }
        System.out.printf("DiT step (V %d, L %d, d 256, 4 layers, B %d; forward + MDLM loss + backward + AdamW): "
                        + "median wall %.0f ms, cpu %.0f ms (wall min-max %.0f-%.0f, %d steps); MDLM loss inside it: "
                        + "wall %.0f ms, cpu %.0f ms%n", V, L, B, median(column(step, 0)), median(column(step, 1)),
                column(step, 0)[0], column(step, 0)[steps - 1], steps, median(column(loss, 0)),
                median(column(loss, 1)));
    }

    private void time(String name, boolean record, Supplier<LossValue> call) {
        // The former implementations leave native garbage behind, freed by ND4J's deallocator threads after a GC:
        // let that finish before the next timed call rather than bill it to that call.
        System.gc();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        LossValue value = call.get();
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = (OS.getProcessCpuTime() - cpu0) / 1e6;
        if (!Double.isFinite(value.value())) {
            throw new IllegalStateException(name + " gave " + value.value());
        }
        if (record) {
            samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {wall, cpu});
        }
    }

    private static void compare(String family, LossValue current, LossValue former) {
        double maxDiff = current.dLogits().castTo(DataType.DOUBLE).sub(former.dLogits().castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
        double scale = former.dLogits().amaxNumber().doubleValue();
        System.out.printf("%s value new %.9g, old %.9g; max |dLogits new - old| = %.3g (max |dLogits| %.3g)%n",
                family, current.value(), former.value(), maxDiff, scale);
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        Arrays.sort(out);
        return out;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
