package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenDriftConfigTest {

    @Test
    void defaultsAreThePapers() {
        TokenDriftConfig c = TokenDriftConfig.defaults();
        DriftConfig d = c.drift();
        assertEquals(1.0, d.alpha());
        assertArrayEquals(new double[]{0.02, 0.05, 0.2}, d.temperatures());
        assertEquals(1.0, d.attractionWeight());
        assertEquals(1.0, d.repulsionWeight());
        assertTrue(d.squaredDistance());
        assertEquals(false, d.distanceRescaling());
        assertEquals(1024, c.realQueueCapacity());
        assertEquals(1024, c.generatedQueueCapacity());
        assertEquals(PooledLayers.PENULTIMATE_AND_LAST, c.pooledLayers());
        assertTrue(c.l2Normalize());
        assertTrue(c.selfExclusion());
        assertEquals(LiftMode.SOFT, c.lift());
        assertEquals(TargetSpace.FEATURE, c.targetSpace());
        assertEquals(0.0, c.baseLossWeight());
        assertEquals(3e-5, c.learningRate());
        assertEquals(512, c.globalBatch());
        assertEquals(8, c.microBatch());
        assertEquals(64, c.accumulationSteps());
        assertEquals(13_000, c.trainSteps());
    }

    @Test
    void toBuilderRoundTripsAndAblationsChangeOneThing() {
        TokenDriftConfig c = TokenDriftConfig.defaults();
        assertEquals(c, c.toBuilder().build());
        TokenDriftConfig q = c.toBuilder().queueCapacity(64).build();
        assertEquals(64, q.realQueueCapacity());
        assertEquals(64, q.generatedQueueCapacity());
        assertEquals(c.drift(), q.drift());
        DriftConfig ratio = c.drift().toBuilder().weights(2, 1).build();
        assertEquals(2.0, ratio.attractionWeight());
        assertArrayEquals(c.drift().temperatures(), ratio.temperatures());
    }

    @Test
    void rejectsInconsistentValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenDriftConfig.builder().globalBatch(500).microBatch(8).build());
        assertTrue(e.getMessage().contains("globalBatch (500)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenDriftConfig.builder().queueCapacity(0).build());
        assertThrows(IllegalArgumentException.class, () -> TokenDriftConfig.builder().learningRate(0).build());
        IllegalArgumentException mirror = assertThrows(IllegalArgumentException.class, () -> TokenDriftConfig.builder()
                .excludeUnseenSpecialTokens(true).targetSpace(TargetSpace.LOGIT_MIRROR_KL).build());
        assertTrue(mirror.getMessage().contains("FEATURE target only, not LOGIT_MIRROR_KL"), mirror.getMessage());
    }
}
