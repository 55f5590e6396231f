package org.tokendrift.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

import java.util.UUID;

/**
 * The display functions cells call without imports, with IJava's names and signatures. Each takes
 * optional MIME types (e.g. {@code "text/html"}) to render as instead of the value's default.
 */
public final class Display {

    private Display() {
    }

    /** Shows {@code value} under the cell now and returns the display's id, for {@link #updateDisplay}. */
    public static String display(Object value, String... mimeTypes) {
        DisplayData data = render(value, mimeTypes);
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        Kernel.getKernelInstance().display(data);
        return data.getDisplayId();
    }

    /** Renders {@code value} without showing it; a cell ending with it shows the result. */
    public static DisplayData render(Object value, String... mimeTypes) {
        if (value instanceof DisplayData data) {
            return data;
        }
        Renderer renderer = Kernel.getKernelInstance().getRenderer();
        return mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
    }

    /** Replaces what an earlier {@link #display} with this id shows (a live chart, say). */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        Kernel.getKernelInstance().getIO().display.updateDisplay(displayId, render(value, mimeTypes));
    }
}
