package org.tokendrift.eval.chart;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tokendrift.util.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Chart export without any display or kernel: PNG bytes ({@link BitmapEncoder}), SVG bytes
 * ({@link VectorGraphicsEncoder}, backed by VectorGraphics2D, a regular dependency of xchart 3.8.8),
 * and both written atomically next to each other. Works headless
 * ({@code -Djava.awt.headless=true}). In a notebook, {@code display(svgText, "image/svg+xml")} or
 * the PNG as a {@code BufferedImage} shows the same figure.
 */
public final class ChartFiles {

    private ChartFiles() {
    }

    public static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    public static byte[] svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }

    /**
     * Writes {@code <dir>/<baseName>.png} and {@code <dir>/<baseName>.svg}, each atomically.
     *
     * @return the two paths, PNG first
     */
    public static List<Path> savePngAndSvg(Chart<?, ?> chart, Path dir, String baseName) throws IOException {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        AtomicFiles.write(png, png(chart));
        AtomicFiles.write(svg, svg(chart));
        return List.of(png, svg);
    }
}
