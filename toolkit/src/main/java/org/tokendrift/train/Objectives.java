package org.tokendrift.train;

import org.tokendrift.data.DataPaths;
import org.tokendrift.diffusion.Backbone;
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
        return switch (cfg.objective()) {
            case MDLM -> new DiffusionObjective(backbone(cfg), null, 0);
            case DUO -> new DiffusionObjective(backbone(cfg), curriculum(cfg), cfg.curriculumSteps());
            case AUTOREGRESSIVE -> new AutoregressiveObjective();
        };
    }

    /** The diffusion backbone (forward process and NELBO) of an MDLM or DUO config, with the reference defaults. */
    public static Backbone backbone(TrainingConfig cfg) {
        int vocab = cfg.model().vocabSize();
        return switch (cfg.objective()) {
            case MDLM -> new Mdlm(MdlmConfig.builder(vocab, SpecialToken.MASK.id())
                    .timeConditioning(cfg.model().timeConditioning()).build());
            case DUO -> new Duo(DuoConfig.defaults(vocab));
            case AUTOREGRESSIVE -> throw new IllegalArgumentException("the AUTOREGRESSIVE objective has no diffusion backbone");
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
