package org.tokendrift.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.awt.image.RenderedImage;

/** Shows any XChart chart (XYChart, CategoryChart, PieChart...) as an image/png. */
public final class XChartRenderer implements LibraryRenderer {

    @Override
    public String typeName() {
        return "org.knowm.xchart.internal.chartpart.Chart";
    }

    @Override
    public MIMEType preferredType() {
        return MIMEType.IMAGE_PNG;
    }

    @Override
    public void render(Class<?> chartType, Object chart, RenderContext context) throws ReflectiveOperationException {
        if (!context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
            return;
        }
        Class<?> encoder = Class.forName("org.knowm.xchart.BitmapEncoder", true, chartType.getClassLoader());
        RenderedImage image = (RenderedImage) encoder.getMethod("getBufferedImage", chartType).invoke(null, chart);
        Image.renderImage(image, context);
    }
}
