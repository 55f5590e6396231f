package org.tokendrift.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecTest {

    @TempDir
    Path jupyter;

    @Test
    void writesKernelJsonWhereJupyterLooks() throws Exception {
        KernelSpec spec = new KernelSpec(Path.of("/jdk/bin/java"), List.of("-Xmx2g"), Path.of("/k/kernel.jar"),
                Map.of("TOKENDRIFT_KERNEL_TIMEOUT", "-1"));

        Path written = spec.installInto(jupyter);

        assertEquals(jupyter.resolve("kernels/tokendrift-java/kernel.json"), written);
        JsonObject json = JsonParser.parseString(Files.readString(written)).getAsJsonObject();
        assertEquals("[\"/jdk/bin/java\",\"-Xmx2g\",\"-Djava.awt.headless=true\",\"-jar\",\"/k/kernel.jar\",\"{connection_file}\"]",
                json.get("argv").toString());
        assertEquals("message", json.get("interrupt_mode").getAsString());
        assertEquals("java", json.get("language").getAsString());
        assertEquals("-1", json.getAsJsonObject("env").get("TOKENDRIFT_KERNEL_TIMEOUT").getAsString());
        assertTrue(json.get("display_name").getAsString().endsWith("(TokenDrift)"));
    }

    @Test
    void specsForThisJvmKeepOpenMpThreadsPassive() throws Exception {
        Path written = KernelSpec.forThisJvm(List.of(), Path.of("/k/kernel.jar"), Map.of("TOKENDRIFT_KERNEL_TIMEOUT", "-1"))
                .installInto(jupyter);

        JsonObject env = JsonParser.parseString(Files.readString(written)).getAsJsonObject().getAsJsonObject("env");
        assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY").getAsString());
        assertEquals("-1", env.get("TOKENDRIFT_KERNEL_TIMEOUT").getAsString());
        assertEquals(2, env.size());
    }

    @Test
    void anExplicitWaitPolicyWins() {
        KernelSpec spec = KernelSpec.forThisJvm(List.of(), Path.of("/k/kernel.jar"), Map.of("OMP_WAIT_POLICY", "ACTIVE"));

        assertEquals(Map.of("OMP_WAIT_POLICY", "ACTIVE"), spec.env());
    }
}
