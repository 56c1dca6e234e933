package org.bighead.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** {@code %maven group:artifact:version ...}: resolves artifacts with their dependencies and adds the jars. */
final class MavenMagic implements LineMagic {
    static final String USAGE = """
            Usage: %maven COORDINATE [COORDINATE...]
            Downloads Maven artifacts with their runtime dependencies (honoring ~/.m2/settings.xml mirrors)
            and adds the jars to the class path. A COORDINATE is
              group:artifact:version                        com.google.code.gson:gson:2.11.0
              group:artifact:extension:version              org.example:lib:jar:1.0
              group:artifact:extension:classifier:version   org.example:lib:jar:linux-x86_64:1.0
            """;
    private static final String EXPECTED = "expected group:artifact:version, group:artifact:extension:version or "
            + "group:artifact:extension:classifier:version, e.g. com.google.code.gson:gson:2.11.0";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+]+|[\\[(][A-Za-z0-9_.\\-+,]*[\\])]");

    @Override
    public Object run(String args, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(USAGE);
            return null;
        }
        List<String> coordinates = Args.split(args);
        if (coordinates.isEmpty()) {
            throw new MagicException("%maven needs at least one coordinate\n\n" + USAGE);
        }
        for (String coordinate : coordinates) {
            if (coordinate.startsWith("-")) {
                throw new MagicException("%maven has no option " + coordinate + "\n\n" + USAGE);
            }
            String problem = problem(coordinate);
            if (problem != null) {
                throw new MagicException("bad Maven coordinate '" + coordinate + "': " + problem + "; " + EXPECTED);
            }
        }
        List<Path> jars = context.resolveMaven(coordinates);
        Classpaths.add(context, jars);
        return null;
    }

    /** What is wrong with a coordinate, or null when it is well formed. */
    static String problem(String coordinate) {
        String[] parts = coordinate.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            return "it has " + parts.length + (parts.length == 1 ? " part" : " parts");
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean version = i == parts.length - 1;
            String what = version
                    ? "the version"
                    : i == 0 ? "the group" : i == 1 ? "the artifact" : i == 2 ? "the extension" : "the classifier";
            if (part.isEmpty()) {
                return what + " is empty";
            }
            if (version && !VERSION.matcher(part).matches()) {
                return "the version '" + part + "' is neither a version like 2.11.0 nor a range like [2.0,3.0)";
            }
            if (!version && !NAME.matcher(part).matches()) {
                return what + " '" + part + "' has characters other than letters, digits, '.', '_' and '-'";
            }
        }
        return null;
    }
}
