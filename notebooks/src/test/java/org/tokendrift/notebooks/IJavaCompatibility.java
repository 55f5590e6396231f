package org.tokendrift.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a notebook uses only what IJava 1.3 (and its successor JJava) also offer, so it runs
 * there unchanged: the magics {@code %jars}, {@code %classpath} and {@code %load FILE.EXT}, and the
 * statics {@code display}, {@code render} and {@code updateDisplay}; no cell magics and no API of
 * a particular kernel.
 */
final class IJavaCompatibility {

    private static final Set<String> PORTABLE_MAGICS = Set.of("jars", "classpath", "load");
    private static final Pattern MAGIC = Pattern.compile("^\\s*(%%?)(\\w+)\\s*(.*)$");
    /** JJava no longer guesses a missing extension, so %load must name the file exactly. */
    private static final Pattern LOADABLE = Pattern.compile(".+\\.(ipynb|jsh|jshell|java)$");
    private static final List<String> KERNEL_SPECIFIC = List.of(
            "getKernelInstance", "lineMagic(", "cellMagic(", "org.tokendrift.kernel", "io.github.spencerpark.ijava");

    private IJavaCompatibility() {
    }

    /** Each problem as {@code "cell N: ..."}; empty when the notebook is portable. */
    static List<String> problems(Notebook notebook) {
        List<String> problems = new ArrayList<>();
        for (Notebook.Cell cell : notebook.codeCells()) {
            for (String line : cell.source().split("\\R")) {
                String problem = problem(line);
                if (problem != null) {
                    problems.add("cell " + cell.number() + ": " + problem);
                }
            }
        }
        return problems;
    }

    private static String problem(String line) {
        Matcher magic = MAGIC.matcher(line);
        if (magic.matches()) {
            if (magic.group(1).equals("%%")) {
                return "cell magic %%" + magic.group(2) + " is not portable";
            }
            if (!PORTABLE_MAGICS.contains(magic.group(2))) {
                return "%" + magic.group(2) + " is not one of %jars, %classpath, %load";
            }
            if (magic.group(2).equals("load") && !LOADABLE.matcher(magic.group(3).strip()).matches()) {
                return "%load needs the file's extension (.ipynb, .jsh, .jshell or .java): " + line.strip();
            }
        }
        for (String api : KERNEL_SPECIFIC) {
            if (line.contains(api)) {
                return "uses kernel-specific " + api + ": " + line.strip();
            }
        }
        return null;
    }
}
