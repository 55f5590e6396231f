package org.tokendrift.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;

import java.util.List;

/**
 * The line magics {@code %maven} (aliases {@code %addMavenDependency}, {@code %addMavenDependencies},
 * as in IJava) and {@code %mavenRepo}. {@code %maven} adds the artifacts and their runtime
 * dependencies to the class path and returns the absolute paths it added.
 */
public final class MavenMagics {

    private final MavenResolver resolver;
    private final UserClasspath classpath;

    public MavenMagics(MavenResolver resolver, UserClasspath classpath) {
        this.resolver = resolver;
        this.classpath = classpath;
    }

    @LineMagic(value = "maven", aliases = {"addMavenDependency", "addMavenDependencies"})
    public List<String> maven(List<String> coordinates) throws Exception {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs at least one coordinate, e.g. "
                    + "%maven org.apache.commons:commons-text:1.10.0");
        }
        List<MavenCoordinate> parsed = coordinates.stream().map(MavenCoordinate::parse).toList();
        return classpath.addAll(resolver.resolve(parsed));
    }

    @LineMagic("mavenRepo")
    public void mavenRepo(List<String> arguments) {
        if (arguments.size() != 2) {
            throw new IllegalArgumentException("%mavenRepo takes an id and a URL, e.g. "
                    + "%mavenRepo company https://repo.example.com/maven2/");
        }
        resolver.addRepository(arguments.get(0), arguments.get(1));
    }
}
