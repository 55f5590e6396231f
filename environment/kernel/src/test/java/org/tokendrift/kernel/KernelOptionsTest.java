package org.tokendrift.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelOptionsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        KernelOptions options = KernelOptions.from(Map.of());
        assertEquals(List.of(), options.classpath());
        assertEquals(Duration.ZERO, options.timeout());
        assertEquals(Level.WARNING, options.logLevel());
        assertEquals(Path.of(System.getProperty("user.home"), ".ivy2", "cache"), options.mavenCache());
    }

    @Test
    void readsEveryOptionFromItsVariable() {
        KernelOptions options = KernelOptions.from(Map.of(
                "TOKENDRIFT_KERNEL_CLASSPATH", "../toolkit/target/*.jar:../toolkit/target/lib/*.jar",
                "TOKENDRIFT_KERNEL_STARTUP_SCRIPTS_PATH", "startup/*.jshell",
                "TOKENDRIFT_KERNEL_STARTUP_SCRIPT", "int answer = 42;",
                "TOKENDRIFT_KERNEL_TIMEOUT", "30 SECONDS",
                "TOKENDRIFT_KERNEL_COMPILER_OPTS", "-parameters  -Xlint:unchecked",
                "TOKENDRIFT_KERNEL_MAVEN_CACHE", "/tmp/ivy",
                "TOKENDRIFT_KERNEL_LOG_LEVEL", "info"));
        assertEquals(List.of("../toolkit/target/*.jar", "../toolkit/target/lib/*.jar"), options.classpath());
        assertEquals(List.of("startup/*.jshell"), options.startupScripts());
        assertEquals("int answer = 42;", options.startupScript());
        assertEquals(Duration.ofSeconds(30), options.timeout());
        assertEquals(List.of("-parameters", "-Xlint:unchecked"), options.compilerOptions());
        assertEquals(Path.of("/tmp/ivy"), options.mavenCache());
        assertEquals(Level.INFO, options.logLevel());
    }

    @Test
    void timeoutAcceptsMillisecondsUnitsAndNone() {
        assertEquals(Duration.ofMillis(1500), KernelOptions.parseTimeout("1500"));
        assertEquals(Duration.ofMinutes(2), KernelOptions.parseTimeout(" 2 minutes "));
        assertEquals(Duration.ZERO, KernelOptions.parseTimeout("-1"));
    }

    @Test
    void badTimeoutNamesTheVariableAndTheForms() {
        for (String bad : new String[] {"soon", "5 fortnights", "1 2 3"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KernelOptions.parseTimeout(bad));
            assertTrue(error.getMessage().startsWith("TOKENDRIFT_KERNEL_TIMEOUT='" + bad + "'"), error.getMessage());
        }
    }
}
