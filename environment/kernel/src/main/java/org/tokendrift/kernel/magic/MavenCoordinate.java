package org.tokendrift.kernel.magic;

/**
 * A Maven artifact as {@code %maven} takes it, in IJava's form
 * {@code group:artifact[:packaging[:classifier]]:version}.
 *
 * @param classifier {@code null} when there is none
 */
public record MavenCoordinate(String group, String artifact, String packaging, String classifier, String version) {

    /**
     * Parses {@code g:a:v}, {@code g:a:packaging:v} or {@code g:a:packaging:classifier:v}.
     *
     * @throws IllegalArgumentException naming the expected form when {@code text} does not match it
     */
    public static MavenCoordinate parse(String text) {
        String[] parts = text.strip().split(":", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw malformed(text);
            }
        }
        return switch (parts.length) {
            case 3 -> new MavenCoordinate(parts[0], parts[1], "jar", null, parts[2]);
            case 4 -> new MavenCoordinate(parts[0], parts[1], parts[2], null, parts[3]);
            case 5 -> new MavenCoordinate(parts[0], parts[1], parts[2], parts[3], parts[4]);
            default -> throw malformed(text);
        };
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("'" + text + "' is not a Maven coordinate: expected "
                + "group:artifact:version or group:artifact:packaging[:classifier]:version, "
                + "e.g. org.apache.commons:commons-text:1.10.0");
    }

    public boolean isSnapshot() {
        return version.endsWith("-SNAPSHOT");
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ":" + packaging + (classifier == null ? "" : ":" + classifier) + ":" + version;
    }
}
