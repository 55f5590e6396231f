package org.tokendrift.kernel.magic;

import org.apache.ivy.Ivy;
import org.apache.ivy.core.module.descriptor.DefaultDependencyArtifactDescriptor;
import org.apache.ivy.core.module.descriptor.DefaultDependencyDescriptor;
import org.apache.ivy.core.module.descriptor.DefaultModuleDescriptor;
import org.apache.ivy.core.module.id.ModuleRevisionId;
import org.apache.ivy.core.report.ArtifactDownloadReport;
import org.apache.ivy.core.report.ResolveReport;
import org.apache.ivy.core.resolve.ResolveOptions;
import org.apache.ivy.core.settings.IvySettings;
import org.apache.ivy.plugins.resolver.ChainResolver;
import org.apache.ivy.plugins.resolver.IBiblioResolver;
import org.apache.ivy.util.DefaultMessageLogger;
import org.apache.ivy.util.Message;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves Maven artifacts with their runtime dependencies (compile and runtime scope) and
 * downloads them, using Apache Ivy.
 *
 * <p>Repositories are tried in order; the kernel uses the local Maven repository
 * ({@code ~/.m2/repository}), Maven Central, then any added with {@code %mavenRepo}. Downloads are
 * cached in the folder given to the constructor.
 */
public final class MavenResolver {

    private static final String CONF = "default";

    private final Path cacheFolder;
    private final List<IBiblioResolver> repositories = new ArrayList<>();
    private final AtomicInteger resolutions = new AtomicInteger();

    /**
     * @param repositoryRoots Maven-layout repository URLs, tried in order; {@code null} stands for
     *                        Maven Central
     */
    public MavenResolver(Path cacheFolder, List<String> repositoryRoots) {
        this.cacheFolder = cacheFolder;
        for (String root : repositoryRoots) {
            repositories.add(mavenRepository(root == null ? "maven-central" : root, root));
        }
    }

    /** The local Maven repository (what builds already fetched resolves offline), then Maven Central. */
    public static MavenResolver localThenCentral(Path cacheFolder, Path localMavenRepository) {
        return new MavenResolver(cacheFolder, Arrays.asList(localMavenRepository.toUri().toString(), null));
    }

    /** Adds a Maven-layout repository, tried after the others. */
    public synchronized void addRepository(String id, String url) {
        repositories.add(mavenRepository(id, url));
    }

    /**
     * Returns the jar files of {@code coordinates} and all their runtime dependencies.
     *
     * @throws IllegalStateException listing Ivy's problems when something cannot be resolved
     */
    public synchronized List<Path> resolve(List<MavenCoordinate> coordinates) throws Exception {
        Ivy ivy = Ivy.newInstance(settings());
        ivy.getLoggerEngine().setDefaultLogger(new DefaultMessageLogger(Message.MSG_ERR));

        ModuleRevisionId caller = ModuleRevisionId.newInstance(
                "org.tokendrift.kernel", "notebook-" + resolutions.incrementAndGet(), "working");
        DefaultModuleDescriptor module = DefaultModuleDescriptor.newDefaultInstance(caller);
        for (MavenCoordinate coordinate : coordinates) {
            module.addDependency(dependency(module, coordinate));
        }

        ResolveOptions options = new ResolveOptions()
                .setConfs(new String[] {CONF})
                .setTransitive(true)
                .setDownload(true)
                .setOutputReport(false)
                .setValidate(false);
        ResolveReport report = ivy.resolve(module, options);
        if (report.hasError()) {
            throw new IllegalStateException("Could not resolve " + coordinates + ": "
                    + String.join("; ", report.getAllProblemMessages()));
        }
        return Arrays.stream(report.getAllArtifactsReports())
                .map(ArtifactDownloadReport::getLocalFile)
                .filter(Objects::nonNull)
                .map(File::toPath)
                .distinct()
                .toList();
    }

    private static DefaultDependencyDescriptor dependency(DefaultModuleDescriptor module, MavenCoordinate coordinate) {
        ModuleRevisionId id = ModuleRevisionId.newInstance(coordinate.group(), coordinate.artifact(), coordinate.version());
        DefaultDependencyDescriptor dependency =
                new DefaultDependencyDescriptor(module, id, false, coordinate.isSnapshot(), true);
        dependency.addDependencyConfiguration(CONF, CONF);
        if (coordinate.classifier() != null || !coordinate.packaging().equals("jar")) {
            Map<String, String> classifier = coordinate.classifier() == null
                    ? Map.of() : Map.of("m:classifier", coordinate.classifier());
            dependency.addDependencyArtifact(CONF, new DefaultDependencyArtifactDescriptor(dependency,
                    coordinate.artifact(), coordinate.packaging(), coordinate.packaging(), null, classifier));
        }
        return dependency;
    }

    private IvySettings settings() {
        IvySettings settings = new IvySettings();
        settings.setDefaultCache(cacheFolder.toFile());

        ChainResolver chain = new ChainResolver();
        chain.setName("tokendrift");
        chain.setReturnFirst(true);
        repositories.forEach(chain::add);

        settings.addResolver(chain);
        settings.setDefaultResolver(chain.getName());
        return settings;
    }

    /** @param root repository URL, or {@code null} for Maven Central (Ivy's built-in default) */
    private static IBiblioResolver mavenRepository(String name, String root) {
        IBiblioResolver repository = new IBiblioResolver();
        repository.setName(name);
        repository.setM2compatible(true);
        repository.setUsepoms(true);
        if (root != null) {
            repository.setRoot(root);
        }
        // SNAPSHOT versions change in place: never trust a cached copy of them.
        repository.setChangingMatcher("regexp");
        repository.setChangingPattern(".*-SNAPSHOT");
        return repository;
    }
}
