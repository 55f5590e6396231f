import org.tokendrift.data.*;
import org.tokendrift.eval.model.*;
import org.tokendrift.nn.DiT;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.nio.file.*;
import java.util.*;
import com.google.gson.*;

/**
 * Probe (session 4, exploratory): does any single mean-pooled hidden state separate samples from
 * real text? For the MDLM base on clean input, on input with 30% of the positions masked, and for
 * the judge, at every depth (0 = embeddings, k = output of block k), it prints per set the mean
 * nearest squared distance to 64 reference validation blocks ("nn") and the leave-one-out 1-NN
 * accuracy against 64 held-out blocks ("acc"; realB's own row: against the reference).
 * Known flaw, kept as run: the judge NLL averages include the undefined first position (NaN), so the
 * printed NLL means and the rho column are meaningless; `tokendrift diagnose features` does this right.
 */
public class FeatureProbe {
    static int[][] samples(String file, int max, int L) throws Exception {
        List<int[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            JsonArray a = JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("token_ids");
            int[] ids = new int[L];
            for (int i = 0; i < L; i++) ids[i] = a.get(i).getAsInt();
            out.add(ids);
            if (out.size() == max) break;
        }
        return out.toArray(new int[0][]);
    }
    static double d2(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.length; i++) { double d = a[i] - b[i]; s += d * d; } return s; }
    static double nearest(double[] x, double[][] ref) { double b = 1e9; for (double[] r : ref) b = Math.min(b, d2(x, r)); return b; }
    /** leave-one-out 1-NN accuracy of telling set a from set b */
    static double oneNn(double[][] a, double[][] b) {
        double[][] all = new double[a.length + b.length][]; System.arraycopy(a, 0, all, 0, a.length); System.arraycopy(b, 0, all, a.length, b.length);
        int ok = 0;
        for (int i = 0; i < all.length; i++) { int best = -1; double bd = 1e9;
            for (int j = 0; j < all.length; j++) if (j != i) { double d = d2(all[i], all[j]); if (d < bd) { bd = d; best = j; } }
            if ((i < a.length) == (best < a.length)) ok++; }
        return ok / (double) all.length;
    }
    static double[] ranks(double[] v) { Integer[] idx = new Integer[v.length]; for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i])); double[] r = new double[v.length]; for (int i = 0; i < v.length; i++) r[idx[i]] = i; return r; }
    static double spearman(double[] x, double[] y) { double[] a = ranks(x), b = ranks(y); double ma = 0, mb = 0; for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; } ma /= a.length; mb /= a.length;
        double sab = 0, saa = 0, sbb = 0; for (int i = 0; i < a.length; i++) { sab += (a[i]-ma)*(b[i]-mb); saa += (a[i]-ma)*(a[i]-ma); sbb += (b[i]-mb)*(b[i]-mb); } return sab / Math.sqrt(saa * sbb); }
    /** features[depth][b][d]: L2-normalised mean over positions */
    static double[][][] features(DiT m, int[][] tokens) {
        int L = m.config().seqLen(), layers = m.config().layers();
        double[][][] f = new double[layers + 1][tokens.length][];
        for (int s = 0; s < tokens.length; s += 16) {
            int[][] chunk = Arrays.copyOfRange(tokens, s, Math.min(tokens.length, s + 16));
            try (DiT.Pass p = m.forward(chunk, null, false)) {
                for (int d = 0; d <= layers; d++) {
                    double[][] h = p.hidden(d).toDoubleMatrix();
                    for (int b = 0; b < chunk.length; b++) {
                        double[] z = new double[h[0].length];
                        for (int l = 0; l < L; l++) for (int c = 0; c < z.length; c++) z[c] += h[b * L + l][c] / L;
                        double n = 0; for (double v : z) n += v * v; n = Math.sqrt(n);
                        for (int c = 0; c < z.length; c++) z[c] /= n;
                        f[d][s + b] = z;
                    }
                }
            }
        }
        return f;
    }
    static int[][] masked(int[][] t, double rate, long seed) { Random r = new Random(seed); int[][] o = new int[t.length][];
        for (int i = 0; i < t.length; i++) { o[i] = t[i].clone(); for (int l = 0; l < o[i].length; l++) if (r.nextDouble() < rate) o[i][l] = 3; } return o; }

    public static void main(String[] args) throws Exception {
        DiT mdlm = EvaluationWeights.loadDenoiser(Path.of("data/checkpoints/mdlm-base.ckpt"), DiffusionBackbone.parse("mdlm"), 4096);
        DiT judge = EvaluationWeights.loadJudge(Path.of("data/checkpoints/judge-ar.ckpt"), 4096);
        JudgeScorer scorer = new JudgeScorer(judge, 0, 8);
        int L = 128;
        TokenDataset valid = TokenDataset.open(Path.of("data/corpus"), Split.VALID);
        int stride = valid.blockCount() / 64;
        int[][] realA = new int[64][], realB = new int[64][];
        for (int i = 0; i < 64; i++) { realA[i] = valid.block(i * stride); realB[i] = valid.block(i * stride + stride / 2); }
        String[] names = {"realB", "nfe4", "nfe16", "nfe64", "td-q64-200"};
        int[][][] sets = {realB,
            samples("data/results/samples/mdlm_pretrained_step2500_nfe4_seed0.jsonl", 64, L),
            samples("data/results/samples/mdlm_pretrained_step2500_nfe16_seed0.jsonl", 64, L),
            samples("data/results/samples/mdlm_pretrained_step2500_nfe64_seed0.jsonl", 64, L),
            samples("data/results/diagnosis/samples/mdlm_tokendrift-queue-64_step200_nfe4_seed0.jsonl", 64, L)};
        // per-sample judge NLL (mean over all positions)
        double[][] nll = new double[sets.length][];
        for (int k = 0; k < sets.length; k++) { double[][] n = scorer.nll(sets[k]); nll[k] = new double[n.length];
            for (int b = 0; b < n.length; b++) { double s = 0; for (double v : n[b]) s += v; nll[k][b] = s / n[b].length; } }
        for (int k = 0; k < sets.length; k++) System.out.printf("%s judge mean NLL %.3f%n", names[k], Arrays.stream(nll[k]).average().orElse(0));
        Object[][] variants = {{"mdlm clean", mdlm, 0.0}, {"mdlm mask30%", mdlm, 0.3}, {"judge", judge, 0.0}};
        for (Object[] v : variants) {
            DiT m = (DiT) v[1]; double rate = (double) v[2];
            double[][][] fa = features(m, rate > 0 ? masked(realA, rate, 11) : realA);
            double[][][][] fs = new double[sets.length][][][];
            for (int k = 0; k < sets.length; k++) fs[k] = features(m, rate > 0 ? masked(sets[k], rate, 100 + k) : sets[k]);
            for (int d = 0; d < fa.length; d++) {
                StringBuilder sb = new StringBuilder(String.format("%-13s depth %d:", v[0], d));
                List<Double> dist = new ArrayList<>(), fl = new ArrayList<>();
                for (int k = 0; k < sets.length; k++) {
                    double nn = 0; for (int b = 0; b < fs[k][d].length; b++) { double q = nearest(fs[k][d][b], fa[d]); nn += q; if (k < 4) { dist.add(q); fl.add(nll[k][b]); } }
                    nn /= fs[k][d].length;
                    double acc = k == 0 ? oneNn(fs[0][d], fa[d]) : oneNn(fs[k][d], fs[0][d]);
                    sb.append(String.format("  %s nn %.4f acc %.2f", names[k], nn, acc));
                }
                double rho = spearman(dist.stream().mapToDouble(x -> x).toArray(), fl.stream().mapToDouble(x -> x).toArray());
                sb.append(String.format("  | rho(nn, NLL) %.2f", rho));
                System.out.println(sb);
            }
        }
    }
}
