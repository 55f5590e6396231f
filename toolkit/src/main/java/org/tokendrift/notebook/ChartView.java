package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.Set;

/** An XChart chart shown as image/png. */
final class ChartView implements DisplayDataRenderable {

    private final Chart<?, ?> chart;

    ChartView(Chart<?, ?> chart) {
        this.chart = chart;
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG);
    }

    @Override
    public void render(RenderContext context) {
        Image.renderImage(BitmapEncoder.getBufferedImage(chart), context);
    }

    @Override
    public String toString() {
        return chart.getClass().getSimpleName() + " '" + chart.getTitle() + "' (" + chart.getWidth() + "x"
                + chart.getHeight() + ")";
    }
}
