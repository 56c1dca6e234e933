"""MLflow's batch scoring on Spark for bench/batch.sh: `mlflow.pyfunc.spark_udf` over the same Parquet rows.

The model is bench/mlflow_model.py's (the scikit-learn + XGBoost equivalent of Bighead's reference pipeline), the
Spark the same local[CORES] as Bighead's run, the rows the same Parquet file; scoring goes to Spark's no-op sink,
as Bighead's "scoring" figure does. Prints one JSON object of figures.

Usage: python mlflow_spark_udf.py --model MODEL_DIR --input LISTINGS.parquet --cores N --repeats N
"""

import argparse
import json
import statistics
import sys
import time

import mlflow.pyfunc
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from mlflow_model import FEATURES

SPARK_TYPES = {"string": "string", "long": "bigint", "double": "double", "boolean": "boolean"}


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--model", required=True)
    args.add_argument("--input", required=True)
    args.add_argument("--cores", type=int, required=True)
    args.add_argument("--repeats", type=int, default=3)
    opts = args.parse_args()

    spark = (SparkSession.builder.master(f"local[{opts.cores}]").appName("mlflow spark_udf bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             # four input splits a core, as ./bighead batch-score's local session has them
             .config("spark.sql.files.minPartitionNum", str(4 * opts.cores))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    data = spark.read.parquet(opts.input)
    rows = data.count()
    # the signature's types (the Parquet file has Spark's inferred ones: int for counts)
    features = [F.col(name).cast(SPARK_TYPES[kind]).alias(name) for name, kind, _ in FEATURES]
    predict = mlflow.pyfunc.spark_udf(spark, opts.model, result_type="double", env_manager="local")
    scored = data.withColumn("prediction", predict(F.struct(*features)))

    def run():
        started = time.perf_counter()
        scored.write.format("noop").mode("overwrite").save()
        return time.perf_counter() - started

    run()  # warm-up: Python workers start, the model loads
    seconds = [run() for _ in range(opts.repeats)]
    sample = scored.select("prediction").limit(3).collect()
    spark.stop()
    median = statistics.median(seconds)
    print(json.dumps({"rows": rows, "cores": opts.cores, "spark_udf_s": [round(s, 3) for s in seconds],
                      "spark_udf_rows_per_s_core": round(rows / median / opts.cores),
                      "sample_predictions": [r.prediction for r in sample]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
