package org.bighead.magics;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the kernel offers a magic while it runs inside a cell. The kernel implements it; magics never touch
 * sockets or JShell directly, so they can be tested with a small fake.
 */
public interface MagicContext {

    /**
     * Evaluates Java source as if it were a cell: output streams to the notebook as it is produced, definitions
     * persist. Returns the value of the last expression, or null when the code ends in a statement.
     *
     * @throws MagicException when the code does not compile or throws; the message says where and why
     */
    Object eval(String code);

    /** Shows an object in the notebook with its richest representation (HTML table, SVG, Vega-Lite, text). */
    void display(Object value);

    /** The cell's stdout: what is printed here appears under the cell as it runs. */
    PrintStream out();

    /** The cell's stderr. */
    PrintStream err();

    /** Adds jars or class folders to the running kernel (javac and the class loader); returns those newly added. */
    List<Path> addToClasspath(List<Path> paths);

    /** Everything added to the class path so far, in order. */
    Set<Path> addedClasspath();

    /**
     * Resolves Maven coordinates ("group:artifact:version") with their runtime dependencies from the user's
     * repositories (honoring ~/.m2/settings.xml mirrors) and returns the jar files, downloading what is missing.
     *
     * @throws MagicException when a coordinate is malformed or cannot be resolved, naming it
     */
    List<Path> resolveMaven(List<String> coordinates);

    /**
     * The sources of the cells this kernel session ran successfully and stored in its history, oldest first; the
     * cell now running is not among them. {@code %bighead register} records them as the model's lineage.
     */
    List<String> sessionCells();

    /** Per-user Bighead settings (registry URL and friends), persisted between sessions. */
    BigheadConfig config();

    /** The registry of magics, for %lsmagic and help. */
    MagicRegistry magics();

    /** The Bighead version string. */
    String version();
}
