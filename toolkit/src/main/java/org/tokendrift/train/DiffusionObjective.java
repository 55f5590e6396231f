package org.tokendrift.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.diffusion.Backbone;
import org.tokendrift.diffusion.Corruption;
import org.tokendrift.diffusion.CurriculumBatch;
import org.tokendrift.diffusion.DuoCurriculum;
import org.tokendrift.diffusion.LossValue;
import org.tokendrift.nn.DiT;

import java.util.random.RandomGenerator;

/**
 * The diffusion pretraining objective of a backbone (MDLM or DUO): corrupt the clean batch with the
 * backbone's forward process, run the denoiser once, and backpropagate the backbone's NELBO per
 * token from its gradient with respect to the logits.
 *
 * <p>For DUO, the first {@code curriculumSteps} steps use the Gaussian curriculum (research note
 * §B.6): the network sees the soft input {@code softmax(w/tau)} embedded as {@code P·E}, and the
 * loss is the discrete NELBO on {@code z_t = argmax(w)}. Because that input goes around the
 * embedding lookup, the embedding's gradient {@code dE += Pᵀ·dEmb} is added here. Validation
 * always uses the discrete NELBO, as the reference code does.
 */
public final class DiffusionObjective implements Objective {

    private static final String EMBEDDING = "embed.weight";

    private final Backbone backbone;
    private final DuoCurriculum curriculum;
    private final long curriculumSteps;

    /**
     * @param curriculum      the DUO curriculum, or {@code null} for none
     * @param curriculumSteps steps (from 0) trained with the curriculum
     */
    public DiffusionObjective(Backbone backbone, DuoCurriculum curriculum, long curriculumSteps) {
        if (curriculum == null && curriculumSteps > 0) {
            throw new IllegalArgumentException("curriculumSteps = " + curriculumSteps + " needs a curriculum");
        }
        this.backbone = backbone;
        this.curriculum = curriculum;
        this.curriculumSteps = curriculumSteps;
    }

    public Backbone backbone() {
        return backbone;
    }

    /** Whether {@code step} is trained with the curriculum's soft inputs. */
    public boolean inCurriculum(long step) {
        return curriculum != null && step < curriculumSteps;
    }

    @Override
    public double trainStep(DiT model, int[][] batch, long step, RandomGenerator rng) {
        if (inCurriculum(step)) {
            return curriculumStep(model, batch, rng);
        }
        Corruption c = backbone.corrupt(batch, rng);
        try (DiT.Pass pass = model.forward(c.tokens(), c.sigma(), true)) {
            LossValue loss = backbone.loss(pass.logits(), c, batch);
            pass.backward(loss.dLogits(), null, null);
            return loss.value();
        }
    }

    private double curriculumStep(DiT model, int[][] batch, RandomGenerator rng) {
        CurriculumBatch cb = curriculum.corrupt(batch, rng);
        INDArray soft = cb.softInputs().castTo(model.dtype());
        INDArray emb = soft.mmul(model.embeddingMatrix());
        try (DiT.Pass pass = model.forwardEmbeddings(emb, cb.corruption().sigma(), true)) {
            LossValue loss = backbone.loss(pass.logits(), cb.corruption(), batch);
            INDArray dEmb = pass.backward(loss.dLogits(), null, null);
            Nd4j.gemm(soft, dEmb, model.grad(EMBEDDING), true, false, 1.0, 1.0);
            return loss.value();
        } finally {
            // [B*L, K] soft inputs are 64 MB at the default scale; freed now rather than at the next GC,
            // which let a DUO run's resident memory swing between 3 and 6 GB.
            release(emb, soft, cb.softInputs());
        }
    }

    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    @Override
    public Validation validate(DiT model, int[][] batch, RandomGenerator rng) {
        Corruption c = backbone.corrupt(batch, rng);
        LossValue loss = backbone.loss(model.infer(c.tokens(), c.sigma()).logits(), c, batch);
        long tokens = (long) c.batchSize() * c.seqLen();
        return new Validation(loss.value() * tokens, tokens);
    }
}
