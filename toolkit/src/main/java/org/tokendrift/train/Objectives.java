package org.tokendrift.train;

import org.tokendrift.data.DataPaths;
import org.tokendrift.diffusion.Duo;
import org.tokendrift.diffusion.DuoConfig;
import org.tokendrift.diffusion.DuoCurriculum;
import org.tokendrift.diffusion.DuoCurriculumConfig;
import org.tokendrift.diffusion.DuoGaussianMap;
import org.tokendrift.diffusion.Mdlm;
import org.tokendrift.diffusion.MdlmConfig;
import org.tokendrift.tokenizer.SpecialToken;

import java.io.IOException;

/** Builds the {@link Objective} a {@link TrainingConfig} asks for, with the reference defaults. */
public final class Objectives {

    private Objectives() {
    }

    public static Objective of(TrainingConfig cfg) throws IOException {
        int vocab = cfg.model().vocabSize();
        return switch (cfg.objective()) {
            case MDLM -> new DiffusionObjective(new Mdlm(MdlmConfig.builder(vocab, SpecialToken.MASK.id())
                    .timeConditioning(cfg.model().timeConditioning()).build()), null, 0);
            case DUO -> new DiffusionObjective(new Duo(DuoConfig.defaults(vocab)), curriculum(cfg), cfg.curriculumSteps());
            case AUTOREGRESSIVE -> new AutoregressiveObjective();
        };
    }

    private static DuoCurriculum curriculum(TrainingConfig cfg) throws IOException {
        if (cfg.curriculumSteps() == 0) {
            return null;
        }
        DuoGaussianMap map = DuoGaussianMap.loadOrCompute(DataPaths.root().resolve("duo"), cfg.model().vocabSize());
        return new DuoCurriculum(map, DuoCurriculumConfig.defaults(map).withTau(cfg.curriculumTau()));
    }
}
