package org.bighead.environments.image;

import java.util.List;
import java.util.Objects;

/**
 * One layer group of an image, in the order of how often it changes: runtime (JRE, Python, Jupyter) → dependencies
 * (keyed by the lock) → Bighead → user. Its instructions become Dockerfile lines; its files go into the build context
 * under {@code name/}, copied to {@code /} in one {@code COPY}.
 *
 * @param name {@code runtime}, {@code dependencies}, {@code bighead} or {@code user}
 * @param before instructions before the copy of {@code files} (e.g. {@code COPY --from=…}, {@code RUN pip …})
 * @param files context files, at paths under {@code name/} that mirror where they land in the image
 * @param after instructions after the copy (e.g. {@code RUN apt-get install …} needing the copied CA bundle)
 */
public record Layer(String name, List<String> before, List<ContextFile> files, List<String> after) {
    public Layer {
        Objects.requireNonNull(name, "name");
        before = List.copyOf(before);
        files = List.copyOf(files);
        after = List.copyOf(after);
        for (ContextFile f : files) {
            if (!f.path().startsWith(name + "/")) {
                throw new IllegalArgumentException(f.path() + " is not under " + name + "/");
            }
        }
    }

    /** The Dockerfile lines of this layer. */
    public List<String> instructions() {
        List<String> lines = new java.util.ArrayList<>(before);
        if (!files.isEmpty()) {
            lines.add("COPY " + name + "/ /");
        }
        lines.addAll(after);
        return lines;
    }

    public long size() {
        return files.stream().mapToLong(ContextFile::size).sum();
    }
}
