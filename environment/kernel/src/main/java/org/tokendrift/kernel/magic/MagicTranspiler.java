package org.tokendrift.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;

/**
 * Rewrites the magics in a cell into calls of the notebook statics {@code lineMagic} and
 * {@code cellMagic}, so that JShell runs them in order with the rest of the cell.
 *
 * <ul>
 *   <li>{@code %name args} on a line of its own becomes {@code { lineMagic("name", List.of(args)); }};
 *       the block keeps the magic's return value from being shown as the cell's result.</li>
 *   <li>{@code List<String> jars = %jars *.jar} (an assignment of a magic's value, as in IJava)
 *       becomes {@code List<String> jars = lineMagic("jars", List.of("*.jar"));}.</li>
 *   <li>a cell starting with {@code %%name args} becomes {@code { cellMagic("name", List.of(args), body); }}.</li>
 * </ul>
 * Arguments are split on whitespace; double quotes group an argument that contains spaces, and a
 * backslash escapes a quote.
 */
public final class MagicTranspiler {

    /**
     * A line magic starts a line, or follows the {@code =} of a declaration or assignment whose left
     * side holds only names, generics, arrays and spaces. Requiring that left side keeps a {@code %}
     * inside a string such as {@code String.format("n=%d", n)} from being read as a magic.
     */
    private static final String LINE_MAGIC_START = "(?<=^|^[\\w<>\\[\\],.? \\t]{1,200}=)[ \\t]*%";
    private static final String CELL_MAGIC_START = "%%";

    private final MagicParser parser = new MagicParser(LINE_MAGIC_START, CELL_MAGIC_START);

    /** Returns the Java code to evaluate for {@code cell}; a cell without magics is returned unchanged. */
    public String transpile(String cell) {
        CellMagicParseContext cellMagic = parser.parseCellMagic(cell);
        if (cellMagic != null) {
            return "{ cellMagic(" + JavaLiterals.string(cellMagic.getMagicCall().getName()) + ", "
                    + JavaLiterals.stringList(cellMagic.getMagicCall().getArgs()) + ", "
                    + JavaLiterals.string(cellMagic.getMagicCall().getBody()) + "); }";
        }
        return parser.transformLineMagics(cell, MagicTranspiler::lineMagicCall);
    }

    private static String lineMagicCall(LineMagicParseContext magic) {
        String call = "lineMagic(" + JavaLiterals.string(magic.getMagicCall().getName()) + ", "
                + JavaLiterals.stringList(magic.getMagicCall().getArgs()) + ")";
        boolean standsAlone = magic.getLinePrefix().isBlank();
        return standsAlone ? "{ " + call + "; }" : " " + call + ";";
    }
}
