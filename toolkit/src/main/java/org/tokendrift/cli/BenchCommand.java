package org.tokendrift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
import org.tokendrift.util.AtomicFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the engine against the PyTorch reference on the same architecture: a training step
 * (forward, weighted CE, backward, clip 1.0, AdamW) and a sampling forward (no grad). The two
 * implementations run in alternating blocks of steps in the same time window, so machine noise
 * hits both alike. Also reports the sgemm rate measured in the same run, the share of it the
 * training step achieves, and resident memory over a longer training run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the DiT engine against PyTorch (training step and sampling forward).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", description = "alternating rounds (default ${DEFAULT-VALUE})")
    int rounds = 5;
    @Option(names = "--train-steps", description = "timed training steps per implementation per round (default ${DEFAULT-VALUE})")
    int trainSteps = 2;
    @Option(names = "--sample-steps", description = "timed sampling forwards per implementation per round (default ${DEFAULT-VALUE})")
    int sampleSteps = 2;
    @Option(names = "--memory-steps", description = "engine training steps for the memory-flatness run; 0 skips it (default ${DEFAULT-VALUE})")
    int memorySteps = 200;
    @Option(names = "--train-batch", description = "default ${DEFAULT-VALUE}")
    int trainBatch = 32;
    @Option(names = "--sample-batch", description = "default ${DEFAULT-VALUE}")
    int sampleBatch = 64;
    @Option(names = "--vocab", description = "default ${DEFAULT-VALUE}")
    int vocab = 4096;
    @Option(names = "--seq-len", description = "default ${DEFAULT-VALUE}")
    int seqLen = 128;
    @Option(names = "--width", description = "default ${DEFAULT-VALUE}")
    int width = 256;
    @Option(names = "--layers", description = "default ${DEFAULT-VALUE}")
    int layers = 4;
    @Option(names = "--heads", description = "default ${DEFAULT-VALUE}")
    int heads = 4;
    @Option(names = "--cond", description = "default ${DEFAULT-VALUE}")
    int cond = 128;
    @Option(names = "--dropout", description = "default ${DEFAULT-VALUE}")
    double dropout = 0.1;
    @Option(names = "--python", description = "Python with torch (default ${DEFAULT-VALUE})")
    String python = "/usr/bin/python3";
    @Option(names = "--script", description = "PyTorch reference (default ${DEFAULT-VALUE})")
    Path script = Path.of("environment/bench/pytorch_dit.py");
    @Option(names = "--openblas-dir", description = "put on the worker's LD_LIBRARY_PATH (default ${DEFAULT-VALUE})")
    Path openBlasDir = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");
    @Option(names = "--no-pytorch", description = "time the engine only")
    boolean noPytorch;
    @Option(names = "--no-parity", description = "skip the numerical check against PyTorch on shared weights")
    boolean noParity;
    @Option(names = "--out", description = "CSV of medians (default ${DEFAULT-VALUE})")
    Path out = Path.of("data/results/bench.csv");

    private static final double LR = 3e-4;

    @Override
    public Integer call() throws Exception {
        DiTConfig cfg = DiTConfig.builder().vocabSize(vocab).seqLen(seqLen).width(width).layers(layers).heads(heads)
                .condDim(cond).mlpRatio(4).dropout(dropout).timeConditioning(false).causal(false)
                .dtype(DataType.FLOAT).build();
        printEnvironment();
        EngineRunner engine = new EngineRunner(cfg, trainBatch, sampleBatch);
        System.out.printf(Locale.ROOT, "engine: %,d parameters%n", engine.model.parameters().count());

        List<Double> javaTrain = new ArrayList<>(), javaSample = new ArrayList<>();
        List<Double> torchTrain = new ArrayList<>(), torchSample = new ArrayList<>();
        List<Double> trainRatios = new ArrayList<>(), sampleRatios = new ArrayList<>();
        double javaGemm;
        double torchGemm = Double.NaN;
        double torchPeak = Double.NaN;
        PyTorchWorker torch = noPytorch ? null : new PyTorchWorker(python, script, openBlasDir);
        try {
            if (torch != null) {
                var init = torch.call(String.format(Locale.ROOT, "init %d %d %d %d %d %d 4 %s %d %d", vocab, seqLen,
                        width, layers, heads, cond, Double.toString(dropout), trainBatch, sampleBatch));
                System.out.printf(Locale.ROOT, "pytorch: %,d parameters, %s%n", init.get("params").getAsLong(),
                        torch.call("info"));
                if (!noParity) {
                    parityCheck(cfg, torch);
                }
                torch.timings("train 1");
                torch.timings("sample 1");
            }
            engine.trainSteps(1);
            engine.sampleSteps(1);
            javaGemm = EngineRunner.sgemmGflops();
            for (int r = 0; r < rounds; r++) {
                boolean javaFirst = r % 2 == 0;
                List<Double> jt = List.of(), js = List.of(), tt = List.of(), ts = List.of();
                for (int order = 0; order < 2; order++) {
                    if ((order == 0) == javaFirst) {
                        jt = engine.trainSteps(trainSteps);
                        js = engine.sampleSteps(sampleSteps);
                    } else if (torch != null) {
                        tt = torch.timings("train " + trainSteps);
                        ts = torch.timings("sample " + sampleSteps);
                    }
                }
                javaTrain.addAll(jt);
                javaSample.addAll(js);
                torchTrain.addAll(tt);
                torchSample.addAll(ts);
                if (torch != null) {
                    // both implementations ran back to back under the same load: compare within the round
                    trainRatios.add(median(jt) / median(tt));
                    sampleRatios.add(median(js) / median(ts));
                }
                System.out.printf(Locale.ROOT, "round %d/%d: engine train %.0f ms, sample %.0f ms%s; load %s%n", r + 1,
                        rounds, median(javaTrain), median(javaSample),
                        torch == null ? "" : String.format(Locale.ROOT, " | pytorch train %.0f ms, sample %.0f ms",
                                median(torchTrain), median(torchSample)), loadAverage());
            }
            javaGemm = Math.max(javaGemm, EngineRunner.sgemmGflops());
            if (torch != null) {
                torchGemm = torch.call("gemm 5").get("gflops").getAsDouble();
                torchPeak = torch.call("info").get("peak_rss_mb").getAsDouble();
            }
        } finally {
            if (torch != null) {
                torch.close();
            }
        }
        System.out.println("engine step breakdown (median ms): " + engine.breakdown());

        Results results = new Results(cfg, javaTrain, javaSample, torchTrain, torchSample, trainRatios, sampleRatios,
                javaGemm, torchGemm, torchPeak, torch != null);
        results.report();
        if (memorySteps > 0) {
            System.out.printf(Locale.ROOT, "%nmemory run: %d engine training steps%n", memorySteps);
            List<Double> times = new ArrayList<>();
            for (int s = 1; s <= memorySteps; s++) {
                times.addAll(engine.trainSteps(1));
                if (s == 1 || s % 100 == 0 || s == memorySteps) {
                    System.out.printf(Locale.ROOT, "  step %d: RSS %.0f MiB (peak %.0f MiB); median step of the run so far %.0f ms%n",
                            s, ResidentMemory.currentMb(), ResidentMemory.peakMb(), median(times));
                }
            }
            results.report();
        }
        return 0;
    }

    /**
     * Loads the same random weights into both implementations and compares logits, the CE of
     * predicting the input tokens, and the global gradient norm (dropout off).
     */
    private void parityCheck(DiTConfig cfg, PyTorchWorker torch) throws IOException {
        DiT model = new DiT(cfg, 5);
        Nd4j.getRandom().setSeed(5);
        for (org.tokendrift.nn.Param p : model.parameters().all()) {
            p.value().assign(Nd4j.rand(p.value().dataType(), p.value().shape()).subi(0.5).muli(0.2));
        }
        int batch = 4;
        int[][] tokens = EngineRunner.randomTokens(new Random(9), batch, cfg);
        Path dir = Files.createTempDirectory("tokendrift-parity");
        Path ckpt = dir.resolve("weights.ckpt");
        Path tokenFile = dir.resolve("tokens.bin");
        Path logitFile = dir.resolve("logits.bin");
        try {
            org.tokendrift.nn.Checkpoint.save(ckpt, model, null, null);
            java.nio.ByteBuffer tb = java.nio.ByteBuffer.allocate(batch * cfg.seqLen() * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int[] targets = new int[batch * cfg.seqLen()];
            for (int b = 0; b < batch; b++) {
                for (int l = 0; l < cfg.seqLen(); l++) {
                    tb.putInt(tokens[b][l]);
                    targets[b * cfg.seqLen() + l] = tokens[b][l];
                }
            }
            Files.write(tokenFile, tb.array());
            double[] weights = new double[targets.length];
            java.util.Arrays.fill(weights, 1.0);
            double loss;
            INDArray logits;
            try (DiT.Pass pass = model.forward(tokens, null, false)) {
                logits = pass.logits().dup();
                CrossEntropyResult ce = new WeightedCrossEntropy().compute(pass.logits(), targets, weights, targets.length);
                loss = ce.value();
                pass.backward(ce.dLogits(), null, null);
            }
            double gradNorm = GradientClipping.globalNorm(model.parameters());
            var reply = torch.call("parity " + ckpt + " " + tokenFile + " " + logitFile);
            java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(Files.readAllBytes(logitFile))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] theirs = new float[fb.remaining()];
            fb.get(theirs);
            INDArray torchLogits = Nd4j.createFromArray(theirs).reshape(logits.shape());
            double maxDiff = torchLogits.sub(logits).amaxNumber().doubleValue();
            System.out.printf(Locale.ROOT, "parity (shared random weights, %d sequences): max |logit diff| %.2e (max |logit| %.2f); "
                    + "CE engine %.6f vs pytorch %.6f; grad norm engine %.6f vs pytorch %.6f%n", batch, maxDiff,
                    logits.amaxNumber().doubleValue(), loss, reply.get("loss").getAsDouble(), gradNorm,
                    reply.get("grad_norm").getAsDouble());
        } finally {
            for (Path p : new Path[] {ckpt, tokenFile, logitFile, dir}) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The medians, ratios and GEMM share of the timed rounds; {@link #report} prints them and writes the CSV. */
    private final class Results {
        final DiTConfig cfg;
        final List<Double> javaTrain, javaSample, torchTrain, torchSample, trainRatios, sampleRatios;
        final double javaGemm, torchGemm, torchPeak;
        final boolean withTorch;

        Results(DiTConfig cfg, List<Double> javaTrain, List<Double> javaSample, List<Double> torchTrain,
                List<Double> torchSample, List<Double> trainRatios, List<Double> sampleRatios, double javaGemm,
                double torchGemm, double torchPeak, boolean withTorch) {
            this.cfg = cfg;
            this.javaTrain = javaTrain;
            this.javaSample = javaSample;
            this.torchTrain = torchTrain;
            this.torchSample = torchSample;
            this.trainRatios = trainRatios;
            this.sampleRatios = sampleRatios;
            this.javaGemm = javaGemm;
            this.torchGemm = torchGemm;
            this.torchPeak = torchPeak;
            this.withTorch = withTorch;
        }

        void report() throws IOException {
            double javaPeak = ResidentMemory.peakMb();
            long trainTokens = (long) trainBatch * seqLen;
            long sampleTokens = (long) sampleBatch * seqLen;
            double flops = 3 * forwardMatmulFlops(cfg, trainBatch);
            System.out.println();
            System.out.printf(Locale.ROOT, "%-10s %-7s %6s %10s %10s %12s%n", "impl", "phase", "batch", "median_ms", "tokens/s", "peak_rss_mb");
            List<String> csv = new ArrayList<>();
            csv.add("impl,phase,batch,seq_len,width,layers,vocab,median_ms,tokens_per_s,peak_rss_mb");
            row(csv, "tokendrift", "train", trainBatch, median(javaTrain), trainTokens, javaPeak);
            row(csv, "tokendrift", "sample", sampleBatch, median(javaSample), sampleTokens, javaPeak);
            if (withTorch) {
                row(csv, "pytorch", "train", trainBatch, median(torchTrain), trainTokens, torchPeak);
                row(csv, "pytorch", "sample", sampleBatch, median(torchSample), sampleTokens, torchPeak);
                System.out.printf(Locale.ROOT, "ratio engine/pytorch of the medians: train %.2f, sample %.2f (below 1 = engine faster)%n",
                        median(javaTrain) / median(torchTrain), median(javaSample) / median(torchSample));
                System.out.printf(Locale.ROOT, "paired per-round ratios: train %s -> median %.2f; sample %s -> median %.2f%n",
                        format(trainRatios), median(trainRatios), format(sampleRatios), median(sampleRatios));
            }
            System.out.printf(Locale.ROOT, "matmul work per training step %.1f GFLOP; sgemm in this run: engine %.1f GFLOP/s, "
                    + "pytorch %.1f GFLOP/s%n", flops / 1e9, javaGemm, torchGemm);
            System.out.printf(Locale.ROOT, "GEMM share: engine step runs at %.1f GFLOP/s = %.0f%% of sgemm%s%n",
                    flops / median(javaTrain) / 1e6, 100 * flops / median(javaTrain) / 1e6 / javaGemm,
                    !withTorch ? "" : String.format(Locale.ROOT, "; pytorch %.1f GFLOP/s = %.0f%%",
                            flops / median(torchTrain) / 1e6, 100 * flops / median(torchTrain) / 1e6 / torchGemm));
            Files.createDirectories(out.toAbsolutePath().getParent());
            AtomicFiles.writeString(out, String.join("\n", csv) + "\n");
            System.out.println("wrote " + out);
        }
    }

    private void row(List<String> csv, String impl, String phase, int batch, double ms, long tokens, double rss) {
        double tps = tokens / (ms / 1e3);
        System.out.printf(Locale.ROOT, "%-10s %-7s %6d %10.1f %10.0f %12.0f%n", impl, phase, batch, ms, tps, rss);
        csv.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%.1f,%.0f,%.0f", impl, phase, batch, seqLen, width,
                layers, vocab, ms, tps, rss));
    }

    /**
     * Multiply-add work of one forward, in FLOPs (2 per multiply-add): the four block projections,
     * the two attention products, the RoPE rotation, the output layer and the small conditioning
     * maps. A training step does about three times this (backward computes input and weight
     * gradients of every product).
     */
    static double forwardMatmulFlops(DiTConfig cfg, int batch) {
        double n = (double) batch * cfg.seqLen();
        double d = cfg.width();
        double f = cfg.mlpWidth();
        double l = cfg.seqLen();
        double dh = cfg.headDim();
        double perBlock = n * d * 3 * d + n * d * d + 2 * n * d * f
                + 2.0 * batch * cfg.heads() * l * l * dh
                + 2 * n * cfg.heads() * dh * dh
                + batch * cfg.condDim() * 6 * d;
        double head = n * d * cfg.vocabSize() + batch * cfg.condDim() * 2 * d;
        double time = batch * (256.0 * cfg.condDim() + (double) cfg.condDim() * cfg.condDim());
        return 2 * (cfg.layers() * perBlock + head + time);
    }

    private static String format(List<Double> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : xs) {
            sb.append(sb.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return sb.append(']').toString();
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : 0.5 * (s.get(m - 1) + s.get(m));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void printEnvironment() {
        System.out.printf(Locale.ROOT, "java %s; nd4j backend %s; blas threads %d; OMP_WAIT_POLICY=%s; cores %d; load %s%n",
                System.getProperty("java.version"), Nd4j.getBackend().getClass().getSimpleName(),
                Nd4j.getEnvironment().maxMasterThreads(), System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        String nativeJar = System.getProperty("java.class.path", "");
        for (String entry : nativeJar.split(java.io.File.pathSeparator)) {
            if (entry.contains("nd4j-native-") && entry.contains("linux-x86_64")) {
                System.out.println("nd4j natives: " + Path.of(entry).getFileName());
            }
        }
    }

    /** The engine side: one model, preallocated inputs, and per-phase timing of the training step. */
    private static final class EngineRunner {
        final DiT model;
        final AdamW optimizer;
        final WeightedCrossEntropy head = new WeightedCrossEntropy();
        final int[][] trainTokens;
        final int[] targets;
        final double[] weights;
        final int[][] sampleTokens;
        final List<double[]> phases = new ArrayList<>();

        EngineRunner(DiTConfig cfg, int trainBatch, int sampleBatch) {
            model = new DiT(cfg, 0);
            optimizer = new AdamW(AdamWConfig.builder().build(), model.parameters());
            Random rnd = new Random(1);
            trainTokens = randomTokens(rnd, trainBatch, cfg);
            targets = new int[trainBatch * cfg.seqLen()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = rnd.nextInt(cfg.vocabSize());
            }
            weights = new double[targets.length];
            java.util.Arrays.fill(weights, 1.0);
            sampleTokens = randomTokens(rnd, sampleBatch, cfg);
        }

        static int[][] randomTokens(Random rnd, int batch, DiTConfig cfg) {
            int[][] t = new int[batch][cfg.seqLen()];
            for (int[] row : t) {
                for (int l = 0; l < row.length; l++) {
                    row[l] = rnd.nextInt(cfg.vocabSize());
                }
            }
            return t;
        }

        List<Double> trainSteps(int k) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                long t0 = System.nanoTime();
                long t1, t2, t3;
                try (DiT.Pass pass = model.forward(trainTokens, null, true)) {
                    t1 = System.nanoTime();
                    CrossEntropyResult loss = head.compute(pass.logits(), targets, weights, targets.length);
                    t2 = System.nanoTime();
                    pass.backward(loss.dLogits(), null, null);
                    t3 = System.nanoTime();
                }
                GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
                optimizer.step(LR);
                long t4 = System.nanoTime();
                phases.add(new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6});
                times.add((t4 - t0) / 1e6);
            }
            return times;
        }

        List<Double> sampleSteps(int k) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                long t0 = System.nanoTime();
                model.infer(sampleTokens, null).logits();
                times.add((System.nanoTime() - t0) / 1e6);
            }
            return times;
        }

        String breakdown() {
            String[] names = {"forward", "loss", "backward", "clip+adamw"};
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < names.length; j++) {
                List<Double> xs = new ArrayList<>();
                for (double[] p : phases) {
                    xs.add(p[j]);
                }
                sb.append(String.format(Locale.ROOT, "%s %.0f  ", names[j], median(xs)));
            }
            return sb.toString().trim();
        }

        /** float32 GEMM rate into a preallocated output on a [4096,256]x[256,1024] product. */
        static double sgemmGflops() {
            INDArray a = Nd4j.rand(DataType.FLOAT, 4096, 256);
            INDArray b = Nd4j.rand(DataType.FLOAT, 256, 1024);
            INDArray c = Nd4j.create(DataType.FLOAT, 4096, 1024);
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            int reps = 5;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double seconds = (System.nanoTime() - t0) / 1e9 / reps;
            return 2.0 * 4096 * 256 * 1024 / seconds / 1e9;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
