package org.tokendrift.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenCoordinateTest {

    @Test
    void groupArtifactVersionIsAJar() {
        assertEquals(new MavenCoordinate("org.apache.commons", "commons-text", "jar", null, "1.10.0"),
                MavenCoordinate.parse("org.apache.commons:commons-text:1.10.0"));
    }

    @Test
    void packagingAndClassifierComeBeforeTheVersion() {
        assertEquals(new MavenCoordinate("org.nd4j", "nd4j-native", "jar", "linux-x86_64", "1.0.0-M2.1"),
                MavenCoordinate.parse("org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1"));
        assertEquals("pom", MavenCoordinate.parse("g:a:pom:1").packaging());
    }

    @Test
    void snapshotVersionsAreRecognised() {
        assertTrue(MavenCoordinate.parse("g:a:1.0-SNAPSHOT").isSnapshot());
    }

    @Test
    void malformedCoordinateNamesTheExpectedForm() {
        for (String bad : new String[] {"commons-text", "g:a", "g::1.0", "a:b:c:d:e:f"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse(bad));
            assertTrue(error.getMessage().contains("group:artifact:version"), error.getMessage());
        }
    }
}
