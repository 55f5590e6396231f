package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftFieldTest {

    private static final DriftConfig ONE_TAU = DriftConfig.builder().temperatures(1.0).build();

    /**
     * 2-D toy, tau = 1, squared distances, no self-mask.
     * h1 = (0,0), h2 = (1,0); u1 = (0,1), u2 = (1,1); v1 = (0,-1), v2 = (2,0).
     * Squared distances: d+ = [[1,2],[2,1]], d- = [[1,4],[2,1]], so with e_k = exp(-k) the logits
     * rows are [-1,-2 | -1,-4] and [-2,-1 | -2,-1] and every softmax below is written out by hand.
     */
    @Test
    void matchesHandComputedFieldOnTwoAnchorsTwoPositivesTwoNegatives() {
        double e1 = Math.exp(-1), e2 = Math.exp(-2), e4 = Math.exp(-4);
        // softmax over references (rows)
        double z1 = 2 * e1 + e2 + e4, z2 = 2 * e1 + 2 * e2;
        double[] row1 = {e1 / z1, e2 / z1, e1 / z1, e4 / z1};
        double[] row2 = {e2 / z2, e1 / z2, e2 / z2, e1 / z2};
        // softmax over anchors (columns u1, u2, v1, v2)
        double[] col1 = {e1 / (e1 + e2), e2 / (e1 + e2), e1 / (e1 + e2), e4 / (e4 + e1)};
        double[] col2 = {e2 / (e1 + e2), e1 / (e1 + e2), e2 / (e1 + e2), e1 / (e4 + e1)};
        double[] a1 = new double[4], a2 = new double[4];
        for (int j = 0; j < 4; j++) {
            a1[j] = Math.sqrt(row1[j] * col1[j]);
            a2[j] = Math.sqrt(row2[j] * col2[j]);
        }
        // W+ = A+ * sum A-, W- = A- * sum A+;  V = W+ U - W- H
        double sp1 = a1[0] + a1[1], sn1 = a1[2] + a1[3], sp2 = a2[0] + a2[1], sn2 = a2[2] + a2[3];
        double[] v1 = {
                sn1 * (a1[0] * 0 + a1[1] * 1) - sp1 * (a1[2] * 0 + a1[3] * 2),
                sn1 * (a1[0] * 1 + a1[1] * 1) - sp1 * (a1[2] * -1 + a1[3] * 0)};
        double[] v2 = {
                sn2 * (a2[0] * 0 + a2[1] * 1) - sp2 * (a2[2] * 0 + a2[3] * 2),
                sn2 * (a2[0] * 1 + a2[1] * 1) - sp2 * (a2[2] * -1 + a2[3] * 0)};
        // Independent numpy evaluation of the same formulas, as a check on the hand derivation.
        assertArrayEquals(new double[]{0.07054843920337704, 0.8507507500952081}, v1, 1e-15);
        assertArrayEquals(new double[]{-0.4311587911637499, 0.6861905936862882}, v2, 1e-15);

        DriftInputs in = new DriftInputs(new double[][]{{0, 0}, {1, 0}}, new double[][]{{0, 1}, {1, 1}},
                new double[][]{{0, -1}, {2, 0}}, null, null);
        DriftResult result = new DriftField(ONE_TAU.toBuilder().rmsEpsilon(0).build()).compute(in);
        assertArrayEquals(v1, result.rawPerTemperature()[0][0], 1e-15);
        assertArrayEquals(v2, result.rawPerTemperature()[0][1], 1e-15);
        double rms = Math.sqrt((dot(v1, v1) + dot(v2, v2)) / 2);
        assertArrayEquals(new double[]{v1[0] / rms, v1[1] / rms}, result.field()[0], 1e-14);
        assertArrayEquals(new double[]{v2[0] / rms, v2[1] / rms}, result.field()[1], 1e-14);
        assertEquals((1 + 2 + 2 + 1) / 4.0, result.diagnostics().meanSqDistToPositives(), 1e-15);
        assertEquals((1 + 4 + 2 + 1) / 4.0, result.diagnostics().meanSqDistToNegatives(), 1e-15);
        assertEquals((Math.hypot(v1[0], v1[1]) + Math.hypot(v2[0], v2[1])) / 2,
                result.diagnostics().meanRawNorm()[0], 1e-15);
    }

    /**
     * Anti-symmetry (Deng et al. Prop. 3.1): V = 0 when each anchor sees the same reference set as
     * positives and as negatives. With self-exclusion, "the same set" must include the mask: the
     * anchors sit in both sets and are masked in both. (Masking them in the negatives only, as
     * TokenDrift does, is NOT a symmetric situation: see the next test.)
     */
    @Test
    void vanishesWhenPositivesEqualNegativesWithTheSameSelfMask() {
        Random rnd = new Random(1);
        double[][] anchors = gaussian(rnd, 5, 6);
        double[][] refs = DriftInputs.concat(anchors, gaussian(rnd, 7, 6));
        int[] self = {0, 1, 2, 3, 4};
        DriftInputs in = new DriftInputs(anchors, refs, refs.clone(), self, self.clone());
        DriftResult result = new DriftField(DriftConfig.defaults()).compute(in);
        for (double[][] raw : result.rawPerTemperature()) {
            assertAllWithin(raw, 1e-12);
        }
        assertAllWithin(result.field(), 1e-12);
    }

    @Test
    void vanishesWhenAnchorsAreOutsideIdenticalReferenceSets() {
        Random rnd = new Random(2);
        double[][] anchors = gaussian(rnd, 4, 3);
        double[][] refs = gaussian(rnd, 9, 3);
        DriftInputs in = new DriftInputs(anchors, refs, copy(refs), null, null);
        DriftResult result = new DriftField(DriftConfig.defaults()).compute(in);
        assertAllWithin(result.field(), 1e-12);
        assertTrue(result.diagnostics().meanRawNorm()[0] < 1e-12);
    }

    /** The TokenDrift mask (negatives only) on identical sets leaves h_i as its own positive. */
    @Test
    void negativeOnlySelfMaskOnIdenticalSetsPullsEachAnchorToItself() {
        Random rnd = new Random(3);
        double[][] anchors = gaussian(rnd, 4, 3);
        double[][] refs = DriftInputs.concat(anchors, gaussian(rnd, 6, 3));
        DriftInputs in = new DriftInputs(anchors, refs, copy(refs), new int[]{0, 1, 2, 3}, null);
        DriftResult result = new DriftField(DriftConfig.builder().temperatures(0.5).build()).compute(in);
        double minNorm = Double.MAX_VALUE;
        for (double[] v : result.rawPerTemperature()[0]) {
            minNorm = Math.min(minNorm, Math.sqrt(dot(v, v)));
        }
        assertTrue(minNorm > 1e-3, "an unmatched self-mask must break the symmetry, min |V| = " + minNorm);
    }

    @Test
    void swappingPositivesAndNegativesNegatesTheField() {
        Random rnd = new Random(4);
        double[][] anchors = gaussian(rnd, 3, 4);
        double[][] positives = gaussian(rnd, 5, 4);
        double[][] negatives = DriftInputs.concat(anchors, gaussian(rnd, 4, 4));
        int[] self = {0, 1, 2};
        DriftField field = new DriftField(DriftConfig.defaults());
        double[][] forward = field.compute(new DriftInputs(anchors, positives, negatives, self, null)).field();
        double[][] swapped = field.compute(new DriftInputs(anchors, negatives, positives, null, self)).field();
        for (int i = 0; i < anchors.length; i++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(-forward[i][c], swapped[i][c], 1e-12);
            }
        }
    }

    /** Perturbing anchor i's own negative entry leaves its raw field unchanged, bit for bit. */
    @Test
    void anchorNeverContributesToItsOwnNegatives() {
        Random rnd = new Random(5);
        double[][] anchors = gaussian(rnd, 4, 3);
        double[][] realCurrent = gaussian(rnd, 4, 3);
        double[][] realQueue = gaussian(rnd, 6, 3);
        double[][] genQueue = gaussian(rnd, 6, 3);
        DriftField field = new DriftField(DriftConfig.defaults());
        DriftInputs in = DriftInputs.tokenDrift(anchors, realCurrent, realQueue, genQueue, true);
        DriftResult base = field.compute(in);

        int i = 2;
        double[][] negatives = copy(in.negatives());
        // Move it right next to anchor 0, for which it is a genuine (and now heavy) negative.
        negatives[in.selfInNegatives(i)] = new double[]{anchors[0][0] + 0.1, anchors[0][1], anchors[0][2]};
        DriftResult perturbed = field.compute(new DriftInputs(anchors, in.positives(), negatives,
                new int[]{0, 1, 2, 3}, null));
        for (int t = 0; t < base.rawPerTemperature().length; t++) {
            assertArrayEquals(base.rawPerTemperature()[t][i], perturbed.rawPerTemperature()[t][i], 0.0);
        }
        // ... while the other anchors, for which that row is a genuine negative, do see it.
        assertTrue(maxAbsDiff(base.rawPerTemperature()[2][0], perturbed.rawPerTemperature()[2][0]) > 1e-6);

        // Masking is the same as removing the row from anchor i's point of view.
        double[][] removed = new double[negatives.length - 1][];
        for (int k = 0, o = 0; k < negatives.length; k++) {
            if (k != i) {
                removed[o++] = negatives[k];
            }
        }
        DriftResult withoutRow = field.compute(new DriftInputs(anchors, in.positives(), removed,
                new int[]{0, 1, DriftInputs.NO_SELF, 2}, null));
        for (int t = 0; t < base.rawPerTemperature().length; t++) {
            assertArrayEquals(base.rawPerTemperature()[t][i], withoutRow.rawPerTemperature()[t][i], 1e-15);
        }
    }

    @Test
    void rmsNormalisationGivesUnitMeanSquaredNormPerTemperatureThenAverages() {
        Random rnd = new Random(6);
        double[][] anchors = unitRows(gaussian(rnd, 8, 16));
        DriftInputs in = DriftInputs.tokenDrift(anchors, unitRows(gaussian(rnd, 8, 16)),
                unitRows(gaussian(rnd, 20, 16)), unitRows(gaussian(rnd, 20, 16)), true);
        DriftResult result = new DriftField(DriftConfig.builder().rmsEpsilon(0).build()).compute(in);
        double[] rms = result.diagnostics().rmsScale();
        int tCount = rms.length;
        double[][] expected = new double[8][16];
        for (int t = 0; t < tCount; t++) {
            double meanSq = 0;
            for (int i = 0; i < 8; i++) {
                double[] normalised = scaled(result.rawPerTemperature()[t][i], 1 / rms[t]);
                meanSq += dot(normalised, normalised) / 8;
                for (int c = 0; c < 16; c++) {
                    expected[i][c] += normalised[c] / tCount;
                }
            }
            assertEquals(1.0, meanSq, 1e-12, "temperature #" + t);
        }
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(expected[i], result.field()[i], 1e-13);
        }
    }

    @Test
    void attractionOnlyPointsEachAnchorStraightAtASinglePositive() {
        Random rnd = new Random(7);
        double[][] anchors = gaussian(rnd, 3, 4);
        double[] u = {0.5, -1, 2, 0};
        DriftInputs in = new DriftInputs(anchors, new double[][]{u},
                DriftInputs.concat(anchors, gaussian(rnd, 5, 4)), new int[]{0, 1, 2}, null);
        double[][] v = new DriftField(DriftConfig.builder().weights(1, 0).build()).compute(in).field();
        for (int i = 0; i < 3; i++) {
            double[] toPositive = minus(u, anchors[i]);
            assertEquals(1.0, cosine(v[i], toPositive), 1e-12, "anchor " + i);
        }
    }

    @Test
    void repulsionOnlyPointsEachAnchorStraightAwayFromASingleNegative() {
        Random rnd = new Random(8);
        double[][] anchors = gaussian(rnd, 3, 4);
        double[] neg = {1, 1, -1, 0};
        DriftInputs in = new DriftInputs(anchors, gaussian(rnd, 6, 4), new double[][]{neg}, null, null);
        double[][] v = new DriftField(DriftConfig.builder().weights(0, 1).build()).compute(in).field();
        for (int i = 0; i < 3; i++) {
            assertEquals(-1.0, cosine(v[i], minus(neg, anchors[i])), 1e-12, "anchor " + i);
        }
    }

    /** Raw V_tau is linear in the weights: V(2:1) = 2 V(1:0) + V(0:1), and V(1:1) = b+ - b-. */
    @Test
    void weightedFieldIsTheWeightedSumOfAttractionAndRepulsion() {
        Random rnd = new Random(9);
        double[][] anchors = gaussian(rnd, 4, 5);
        DriftInputs in = DriftInputs.tokenDrift(anchors, gaussian(rnd, 4, 5), gaussian(rnd, 7, 5),
                gaussian(rnd, 7, 5), true);
        DriftConfig base = DriftConfig.builder().temperatures(0.3).build();
        double[][] attract = new DriftField(base.toBuilder().weights(1, 0).build()).compute(in).rawPerTemperature()[0];
        double[][] repel = new DriftField(base.toBuilder().weights(0, 1).build()).compute(in).rawPerTemperature()[0];
        double[][] twoToOne = new DriftField(base.toBuilder().weights(2, 1).build()).compute(in).rawPerTemperature()[0];
        double[][] balanced = new DriftField(base).compute(in).rawPerTemperature()[0];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(2 * attract[i][c] + repel[i][c], twoToOne[i][c], 1e-12);
                assertEquals(attract[i][c] + repel[i][c], balanced[i][c], 1e-12);
            }
        }
    }

    /** With Deng-style rescaling the kernel no longer depends on the feature scale. */
    @Test
    void distanceRescalingMakesTheFieldScaleInvariant() {
        Random rnd = new Random(10);
        double[][] anchors = gaussian(rnd, 4, 3);
        double[][] real = gaussian(rnd, 10, 3);
        double[][] gen = gaussian(rnd, 10, 3);
        DriftConfig rescaled = DriftConfig.builder().distanceRescaling(true).rmsEpsilon(0).build();
        DriftResult small = new DriftField(rescaled).compute(DriftInputs.tokenDrift(anchors, real, new double[0][], gen, true));
        DriftResult large = new DriftField(rescaled).compute(DriftInputs.tokenDrift(
                scaledRows(anchors, 7), scaledRows(real, 7), new double[0][], scaledRows(gen, 7), true));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(small.field()[i], large.field()[i], 1e-10);
        }
        assertEquals(49 * small.diagnostics().kernelDistanceScale(), large.diagnostics().kernelDistanceScale(), 1e-9);
        // Without rescaling the same scaling changes the kernel, hence the field.
        DriftConfig plain = rescaled.toBuilder().distanceRescaling(false).build();
        double[][] a = new DriftField(plain).compute(DriftInputs.tokenDrift(anchors, real, new double[0][], gen, true)).field();
        double[][] b = new DriftField(plain).compute(DriftInputs.tokenDrift(
                scaledRows(anchors, 7), scaledRows(real, 7), new double[0][], scaledRows(gen, 7), true)).field();
        assertTrue(maxAbsDiff(a[0], b[0]) > 1e-3);
    }

    @Test
    void plainL2KernelOptionUsesUnsquaredDistances() {
        // One anchor, positives at distance 1 and 2 (no negatives): with tau = 1 the row weights are
        // softmax(-[1, 2]) for L2 and softmax(-[1, 4]) for squared L2; with no negatives the field is 0
        // (W+ = A+ * sum A- = 0), so compare through a negative at the anchor's position instead.
        double[][] anchors = {{0, 0}};
        double[][] positives = {{1, 0}, {0, 2}};
        double[][] negatives = {{0, 0}};
        DriftConfig l2 = ONE_TAU.toBuilder().squaredDistance(false).rmsEpsilon(0).build();
        double[] v = new DriftField(l2).compute(new DriftInputs(anchors, positives, negatives, null, null))
                .rawPerTemperature()[0][0];
        // N = 1: column softmax is 1 for every column, A = sqrt(row softmax) over logits [-1, -2, 0].
        double z = Math.exp(-1) + Math.exp(-2) + 1;
        double a1 = Math.sqrt(Math.exp(-1) / z), a2 = Math.sqrt(Math.exp(-2) / z), a3 = Math.sqrt(1 / z);
        assertArrayEquals(new double[]{a3 * a1 * 1, a3 * a2 * 2}, v, 1e-15);
    }

    @Test
    void rejectsInconsistentInputsWithClearMessages() {
        double[][] a = {{0, 0}};
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> new DriftInputs(a, new double[][]{{1, 2, 3}}, new double[0][], null, null));
        assertTrue(dims.getMessage().contains("positives row 0 has 3 columns"), dims.getMessage());
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> new DriftInputs(a, new double[][]{{1, 2}}, new double[][]{{1, 1}}, new int[]{3}, null));
        assertTrue(self.getMessage().contains("anchorInNegatives[0] = 3"), self.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new DriftInputs(new double[][]{{Double.NaN, 0}}, new double[][]{{1, 2}}, new double[0][], null, null));
        assertTrue(nan.getMessage().contains("anchors[0][0] is NaN"), nan.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new DriftField(ONE_TAU).compute(new DriftInputs(a, new double[][]{{1, 2}},
                        new double[0][], null, new int[]{0})));
        assertTrue(empty.getMessage().contains("no reference left"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriftConfig.builder().temperatures(0.1, -1).build());
        assertThrows(IllegalArgumentException.class, () -> DriftConfig.builder().weights(0, 0).build());
    }

    // ---- helpers -------------------------------------------------------------------------

    static double[][] gaussian(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.nextGaussian();
            }
        }
        return m;
    }

    static double[][] unitRows(double[][] m) {
        for (double[] row : m) {
            double n = Math.sqrt(dot(row, row));
            for (int c = 0; c < row.length; c++) {
                row[c] /= n;
            }
        }
        return m;
    }

    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r].clone();
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            out[c] = a[c] - b[c];
        }
        return out;
    }

    private static double[] scaled(double[] a, double s) {
        double[] out = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            out[c] = a[c] * s;
        }
        return out;
    }

    private static double[][] scaledRows(double[][] m, double s) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = scaled(m[r], s);
        }
        return out;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int c = 0; c < a.length; c++) {
            max = Math.max(max, Math.abs(a[c] - b[c]));
        }
        return max;
    }

    private static void assertAllWithin(double[][] m, double tol) {
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                assertEquals(0.0, m[r][c], tol, "entry [" + r + "][" + c + "]");
            }
        }
    }
}
