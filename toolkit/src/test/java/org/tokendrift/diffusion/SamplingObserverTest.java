package org.tokendrift.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SamplingObserverTest {

    private static final int V = 6;
    private static final int MASK = 5;

    private record Snapshot(int step, double time, int[][] state) {
    }

    private static SamplingObserver recorder(List<Snapshot> out) {
        return (step, time, state) -> out.add(new Snapshot(step, time,
                Arrays.stream(state).map(int[]::clone).toArray(int[][]::new)));
    }

    @Test
    void mdlmShowsEveryStepWithMasksOnlyDisappearingAndTheFinalStateLast() {
        MdlmConfig model = MdlmConfig.defaults(V, MASK);
        List<Snapshot> seen = new ArrayList<>();
        SampleResult r = new MdlmSampler(model, MdlmSamplerConfig.defaults(4)).sample(
                new TabularDenoiser(V, TabularDenoiser.contextual(V, MASK, 0.0)), 3, 7, new SplittableRandom(2), recorder(seen));
        assertEquals(List.of(1, 2, 3, 4, 5), seen.stream().map(Snapshot::step).toList());
        double[] grid = SamplingGrid.times(4, 1e-5);
        for (int i = 0; i < 4; i++) {
            assertEquals(grid[i + 1], seen.get(i).time(), 0.0);
        }
        assertEquals(0.0, seen.get(4).time(), 0.0);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(masks(seen.get(i).state()) <= masks(seen.get(i - 1).state()), "masks never come back");
        }
        assertEquals(0, masks(seen.get(4).state()));
        assertArrayEquals(r.tokens(), seen.get(4).state());
    }

    @Test
    void duoShowsEveryStepAndObservingDoesNotChangeTheSamples() {
        DuoConfig model = DuoConfig.defaults(V);
        var net = TabularDenoiser.contextual(V, -1, 0.4);
        DuoSampler sampler = new DuoSampler(model, DuoSamplerConfig.defaults(3));
        List<Snapshot> seen = new ArrayList<>();
        SampleResult watched = sampler.sample(new TabularDenoiser(V, net), 2, 5, new SplittableRandom(9), recorder(seen));
        SampleResult plain = sampler.sample(new TabularDenoiser(V, net), 2, 5, new SplittableRandom(9));
        assertEquals(4, seen.size());
        assertArrayEquals(plain.tokens(), watched.tokens());
        assertArrayEquals(watched.tokens(), seen.get(3).state());
    }

    private static int masks(int[][] z) {
        return (int) Arrays.stream(z).flatMapToInt(Arrays::stream).filter(t -> t == MASK).count();
    }
}
