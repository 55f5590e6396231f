package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The method naming convention and the display order. */
class MethodsTest {

    @Test
    void variantsAreNamedTokendriftDashVariant() {
        assertEquals("tokendrift-hard-lift", Methods.HARD_LIFT);
        assertEquals("tokendrift-ratio-1-0", Methods.attractionRepulsion(1, 0));
        assertEquals("tokendrift-queue-64", Methods.queueSize(64));
        assertEquals("tokendrift-base-loss", Methods.withBaseLoss(Methods.TOKENDRIFT));
        assertEquals("tokendrift-mirror-kl-base-loss", Methods.withBaseLoss(Methods.MIRROR_KL));
        assertTrue(Methods.isTokenDriftVariant("tokendrift-ratio-2-1"));
        assertFalse(Methods.isTokenDriftVariant("tokendrift"));
        assertFalse(Methods.isTokenDriftVariant("tokendrift-Hard_Lift"));
        assertFalse(Methods.isTokenDriftVariant("continuation-long"));
    }

    @Test
    void anAblationConfigIsEvaluatedAsItsVariant() {
        assertEquals(Methods.HARD_LIFT, Methods.ofAblationConfig(Path.of("data/configs/ablation-mdlm-hard-lift.json")));
        assertEquals(Methods.attractionRepulsion(2, 1), Methods.ofAblationConfig(Path.of("ablation-mdlm-ratio-2-1.json")));
        IllegalArgumentException notAblation = assertThrows(IllegalArgumentException.class,
                () -> Methods.ofAblationConfig(Path.of("tokendrift-mdlm.json")));
        assertTrue(notAblation.getMessage().contains("ablation-<backbone>-<variant>.json"), notAblation.getMessage());
        IllegalArgumentException badVariant = assertThrows(IllegalArgumentException.class,
                () -> Methods.ofAblationConfig(Path.of("ablation-mdlm-Hard_Lift.json")));
        assertTrue(badVariant.getMessage().contains("'Hard_Lift'"), badVariant.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Methods.attractionRepulsion(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Methods.withBaseLoss(Methods.CONTINUATION));
    }

    @Test
    void displayOrderIsThePapersThenVariantsThenRealText() {
        List<String> methods = new ArrayList<>(List.of(Methods.REAL_TEXT, Methods.HARD_LIFT, Methods.TOKENDRIFT,
                Methods.attractionRepulsion(1, 0), Methods.PRETRAINED, Methods.CONTINUATION));
        methods.sort(Methods.DISPLAY_ORDER);
        assertEquals(List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.TOKENDRIFT, Methods.HARD_LIFT,
                Methods.attractionRepulsion(1, 0), Methods.REAL_TEXT), methods);
    }
}
