package org.tokendrift.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MagicTranspilerTest {

    private final MagicTranspiler transpiler = new MagicTranspiler();

    @Test
    void lineMagicOnItsOwnLineBecomesABlockSoItShowsNoValue() {
        assertEquals("{ lineMagic(\"jars\", java.util.List.of(\"../toolkit/target/lib/*.jar\")); }",
                transpiler.transpile("%jars ../toolkit/target/lib/*.jar"));
    }

    @Test
    void indentedLineMagicAmongCodeKeepsTheOtherLines() {
        assertEquals("int a = 1;\n{ lineMagic(\"load\", java.util.List.of(\"setup.jsh\")); }\nint b = 2;",
                transpiler.transpile("int a = 1;\n  %load setup.jsh\nint b = 2;"));
    }

    @Test
    void magicValueCanBeAssigned() {
        assertEquals("List<String> added = lineMagic(\"jars\", java.util.List.of(\"a.jar\", \"b.jar\"));",
                transpiler.transpile("List<String> added = %jars a.jar b.jar"));
    }

    @Test
    void quotedArgumentKeepsItsSpaces() {
        assertEquals("{ lineMagic(\"jars\", java.util.List.of(\"my jars/x.jar\")); }",
                transpiler.transpile("%jars \"my jars/x.jar\""));
    }

    @Test
    void magicWithoutArgumentsGetsAnEmptyList() {
        assertEquals("{ lineMagic(\"mavenRepo\", java.util.List.of()); }", transpiler.transpile("%mavenRepo"));
    }

    @Test
    void dollarSignsAndEscapedQuotesSurvive() {
        assertEquals("{ lineMagic(\"load\", java.util.List.of(\"$HOME/say \\\"hi\\\".jsh\")); }",
                transpiler.transpile("%load \"$HOME/say \\\"hi\\\".jsh\""));
    }

    @Test
    void percentInsideCodeIsNotAMagic() {
        String code = "String s = String.format(\"n=%d\", 3);\nint r = 7 % 2;\nint q = 7\n    % 3;";
        assertEquals(code, transpiler.transpile(code));
    }

    @Test
    void cellMagicPassesTheBodyAsAStringLiteral() {
        assertEquals("{ cellMagic(\"html\", java.util.List.of(), \"<b>\\\"bold\\\"</b>\\n<i>x</i>\"); }",
                transpiler.transpile("%%html\n<b>\"bold\"</b>\n<i>x</i>"));
    }
}
