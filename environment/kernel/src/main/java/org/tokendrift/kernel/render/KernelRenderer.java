package org.tokendrift.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.util.InheritanceIterator;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's renderer: basekernel's renderer (images, text, URLs, {@code DisplayDataRenderable},
 * and whatever a notebook registers) plus {@link LibraryRenderer}s for libraries that arrive at
 * run time.
 *
 * <p>Before rendering a value, its class hierarchy is searched by class name for a type a library
 * renderer handles; the first time such a type is seen it is registered like any other renderer.
 * A renderer a notebook registered for the same type or a subtype still wins.
 */
public final class KernelRenderer extends Renderer {

    private final List<LibraryRenderer> libraries;
    private final Set<Class<?>> registered = ConcurrentHashMap.newKeySet();

    public KernelRenderer(List<LibraryRenderer> libraries) {
        this.libraries = List.copyOf(libraries);
        Image.registerAll(this);
        Url.registerAll(this);
        Text.registerAll(this);
    }

    /** The renderers for XChart charts and Tablesaw tables. */
    public static KernelRenderer withLibraryRenderers() {
        return new KernelRenderer(List.of(new XChartRenderer(), new TablesawRenderer()));
    }

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        if (value == null) {
            return new DisplayData("null");
        }
        registerLibraryTypesOf(value.getClass());
        return super.render(value, params);
    }

    @Override
    public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
        if (value == null) {
            return new DisplayData("null");
        }
        registerLibraryTypesOf(value.getClass());
        return super.renderAs(value, params, types);
    }

    /** Registers a renderer for each library type in {@code type}'s hierarchy not registered yet. */
    void registerLibraryTypesOf(Class<?> type) {
        Iterator<Class> hierarchy = new InheritanceIterator(type);
        while (hierarchy.hasNext()) {
            Class<?> candidate = hierarchy.next();
            for (LibraryRenderer library : libraries) {
                if (library.typeName().equals(candidate.getName()) && registered.add(candidate)) {
                    register(candidate, library);
                }
            }
        }
    }

    private void register(Class<?> type, LibraryRenderer library) {
        createRegistration(type)
                .preferring(library.preferredType())
                .register((value, context) -> {
                    // A renderer the notebook registered earlier for this type already filled it in.
                    if (context.getOutputContainer().hasDataForType(library.preferredType())) {
                        return;
                    }
                    try {
                        library.render(type, value, context);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Could not render a " + type.getName() + " as "
                                + library.preferredType() + ": " + e, e);
                    }
                });
    }
}
