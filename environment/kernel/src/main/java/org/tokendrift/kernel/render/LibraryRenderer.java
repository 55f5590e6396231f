package org.tokendrift.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders objects of a library the kernel does not compile against (the library's jars arrive at
 * run time with {@code %jars}); the type is named, and the object is used through reflection.
 */
public interface LibraryRenderer {

    /** Fully qualified name of the class or interface this renderer handles, subtypes included. */
    String typeName();

    /** What a value of that type is shown as by default, besides text/plain. */
    MIMEType preferredType();

    /**
     * Adds the rendering to {@code context}'s output if the context asks for {@link #preferredType()}.
     *
     * @param type  the class named by {@link #typeName()}, as loaded with the value's libraries
     * @param value an instance of {@code type}
     */
    void render(Class<?> type, Object value, RenderContext context) throws ReflectiveOperationException;
}
