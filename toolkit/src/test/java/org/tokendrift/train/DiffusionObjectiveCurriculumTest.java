package org.tokendrift.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.diffusion.Duo;
import org.tokendrift.diffusion.DuoConfig;
import org.tokendrift.diffusion.DuoCurriculum;
import org.tokendrift.diffusion.DuoCurriculumConfig;
import org.tokendrift.diffusion.DuoGaussianMap;
import org.tokendrift.drift.TinyDiTs;
import org.tokendrift.nn.DiT;
import org.tokendrift.testing.GradientCheck;

/**
 * The DUO curriculum step feeds the network {@code P·E} around the embedding lookup and adds
 * {@code dE += Pᵀ·dEmb} itself; this checks that embedding gradient, and the rest of the network's,
 * against central differences of the step's own loss (float64, the same corruption every call).
 */
class DiffusionObjectiveCurriculumTest {

    private static final int K = 8;
    private static final int L = 5;

    @Test
    void theCurriculumStepsEmbeddingGradientMatchesFiniteDifferences() {
        DuoGaussianMap map = DuoGaussianMap.compute(K);
        // tau 0.5 instead of 1e-3: soft inputs far from one-hot, so every embedding row gets gradient.
        DuoCurriculum curriculum = new DuoCurriculum(map, DuoCurriculumConfig.defaults(map).withTau(0.5));
        DiffusionObjective objective = new DiffusionObjective(new Duo(DuoConfig.defaults(K)), curriculum, 10);
        assertTrue(objective.inCurriculum(0));
        DiT model = TinyDiTs.randomized(TinyDiTs.config(K, L, true, DataType.DOUBLE), 3, 0.3);
        int[][] batch = {{1, 4, 2, 7, 0}, {3, 3, 5, 6, 1}};

        model.parameters().zeroGrads();
        objective.trainStep(model, batch, 0, new SplittableRandom(11));
        INDArray analytic = model.grad("embed.weight").dup();
        INDArray embedding = model.embeddingMatrix();
        INDArray original = embedding.dup();
        double[][] numeric = GradientCheck.numericGradient(original.dup(), 1e-6, e -> {
            embedding.assign(e);
            return objective.trainStep(model, batch, 0, new SplittableRandom(11));
        });
        embedding.assign(original);
        GradientCheck.assertClose(numeric, analytic.toDoubleMatrix(), 1e-5, "curriculum dL/dE");

        // The soft input goes around the lookup, so all of this gradient comes from the added Pᵀ·dEmb term:
        // without it the analytic side would be zero and assertClose (which refuses a zero reference) would fail.
        assertFalse(analytic.equalsWithEps(Nd4j.zeros(DataType.DOUBLE, K, analytic.columns()), 1e-12));
    }
}
