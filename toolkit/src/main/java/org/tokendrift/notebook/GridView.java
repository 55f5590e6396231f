package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;

/** Several XChart charts side by side in one image/png, row by row. */
final class GridView implements DisplayDataRenderable {

    private final int columns;
    private final List<Chart<?, ?>> charts;

    GridView(int columns, List<Chart<?, ?>> charts) {
        if (columns < 1) {
            throw new IllegalArgumentException("Show.grid: columns must be >= 1, got " + columns);
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("Show.grid: at least one chart is required");
        }
        this.columns = columns;
        this.charts = List.copyOf(charts);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG);
    }

    @Override
    public void render(RenderContext context) {
        Image.renderImage(image(), context);
    }

    /** Cells as wide as the widest chart and as tall as the tallest; white where a chart is smaller. */
    BufferedImage image() {
        int cellWidth = 0;
        int cellHeight = 0;
        for (Chart<?, ?> chart : charts) {
            cellWidth = Math.max(cellWidth, chart.getWidth());
            cellHeight = Math.max(cellHeight, chart.getHeight());
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(cols * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * cellWidth,
                        (i / columns) * cellHeight, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Grid of ").append(charts.size()).append(" charts:");
        for (Chart<?, ?> chart : charts) {
            sb.append(" '").append(chart.getTitle()).append("'");
        }
        return sb.toString();
    }
}
