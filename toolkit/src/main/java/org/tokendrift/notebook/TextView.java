package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.Set;

/** A line of text shown as text/plain, in place of a view that has nothing to show. */
final class TextView implements DisplayDataRenderable {

    private final String text;

    TextView(String text) {
        this.text = text;
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_PLAIN);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
    }

    @Override
    public String toString() {
        return text;
    }
}
