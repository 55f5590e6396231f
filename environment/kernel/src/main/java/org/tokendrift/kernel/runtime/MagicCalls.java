package org.tokendrift.kernel.runtime;

import java.util.List;

/**
 * The calls a cell's magics are rewritten into (see {@code MagicTranspiler}); statically imported
 * into every cell. Running magics as Java calls keeps them in order with the cell's other code.
 */
public final class MagicCalls {

    private MagicCalls() {
    }

    /** Runs the line magic {@code %name args} and returns its value. */
    public static <T> T lineMagic(String name, List<String> args) throws Exception {
        return Kernel.getKernelInstance().magics().applyLineMagic(name, args);
    }

    /** Runs the cell magic {@code %%name args} over {@code body} and returns its value. */
    public static <T> T cellMagic(String name, List<String> args, String body) throws Exception {
        return Kernel.getKernelInstance().magics().applyCellMagic(name, args, body);
    }
}
