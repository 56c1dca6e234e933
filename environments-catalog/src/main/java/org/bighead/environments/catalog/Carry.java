package org.bighead.environments.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an environment carries beyond the Bighead libraries and kernel (which every environment has), as written in
 * the catalog's {@code carries:} list.
 */
public enum Carry {
    /** XGBoost (xgboost4j and its natives). */
    XGBOOST("xgboost"),
    /** DJL with PyTorch's CPU natives (from Maven Central). */
    DJL_PYTORCH_CPU("djl-pytorch-cpu"),
    /** DJL with PyTorch's CUDA natives (PyTorch's wheel from PyPI: about 2 GB; runs where a GPU exists). */
    DJL_PYTORCH_CUDA("djl-pytorch-cuda"),
    /** Apache Spark (spark-sql), for batch jobs in local mode or on a cluster. */
    SPARK("spark");

    private final String yamlName;

    Carry(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in catalog files and JSON. */
    public String yamlName() {
        return yamlName;
    }

    public static Optional<Carry> fromYaml(String name) {
        return Arrays.stream(values())
                .filter(c -> c.yamlName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Carry::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
