package org.bighead.serving;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the served model comes from. A source resolves the version to serve now and, polled, says when a newer one
 * is there; the server loads and warms it off the request path and then swaps. A file is one source
 * ({@link BundleFileSource}); a registry alias ({@code MODEL@prod}) is another: resolve the alias to a version,
 * download its bundle into a cache folder, and on poll re-resolve the alias and return a new version when it moved.
 */
public interface ModelSource {

    /** The model name used in URLs. */
    String name();

    /** The version to serve now, read in full. */
    ResolvedModel resolve() throws IOException;

    /** A version other than {@code current} if the source has moved on since; empty when it has not. */
    Optional<ResolvedModel> poll(ResolvedModel current) throws IOException;
}
