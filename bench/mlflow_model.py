"""Trains the scikit-learn equivalent of Bighead's reference price pipeline and saves it as an MLflow model.

The serving benchmark (bench/serving.sh) serves the result with `mlflow models serve` beside Bighead's server.
Same data (`./bighead data listings`), same features and target, the same preprocessing steps and the same
model settings as ListingsPipelines.price():

    select the 11 features -> impute median (bedrooms, bathrooms) -> one-hot (room_type, neighbourhood)
    -> standard scale (accommodates, number_of_reviews) -> 64-bucket hashed bag of words (amenities)
    -> XGBoost regressor, 200 rounds, depth 6, eta 0.1, hist

Every step is a stock scikit-learn / pandas / xgboost object (no code of ours inside the pickle), so the model
loads in `mlflow models serve` without extra code paths.

Usage: python mlflow_model.py --data LISTINGS.csv --out MODEL_DIR
"""

import argparse
import json
import operator
import shutil
import sys
import time

import mlflow.sklearn
import numpy as np
import pandas as pd
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.impute import SimpleImputer
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from xgboost import XGBRegressor

TARGET = "price"
# (name, MLflow type, may be missing): the columns of Listings.FEATURES, as the signature states them
FEATURES = [
    ("neighbourhood", "string", False),
    ("room_type", "string", False),
    ("accommodates", "long", False),
    ("bedrooms", "double", True),
    ("bathrooms", "double", True),
    ("amenities", "string", True),
    ("review_score", "double", True),
    ("number_of_reviews", "long", False),
    ("minimum_nights", "long", False),
    ("host_is_superhost", "boolean", True),
    ("instant_bookable", "boolean", False),
]
BOOLEANS = {name: "float64" for name, kind, _ in FEATURES if kind == "boolean"}
# Bighead's TextHash: lower-case runs of letters and digits, counted (not signed, not normalised) in 64 buckets
TOKENS = r"(?u)[^\W_]+"
# the non-scikit-learn types inside the pipeline, for MLflow's skops format
TRUSTED_TYPES = ["numpy.dtype", "operator.methodcaller", "xgboost.core.Booster", "xgboost.sklearn.XGBRegressor"]


def pipeline() -> Pipeline:
    columns = ColumnTransformer(
        [
            ("impute", SimpleImputer(strategy="median"), ["bedrooms", "bathrooms"]),
            ("onehot", OneHotEncoder(handle_unknown="ignore"), ["room_type", "neighbourhood"]),
            ("scale", StandardScaler(), ["accommodates", "number_of_reviews"]),
            ("hash", HashingVectorizer(n_features=64, token_pattern=TOKENS, alternate_sign=False, norm=None),
             "amenities"),
        ],
        remainder="passthrough",  # review_score, minimum_nights and the two flags: XGBoost takes missing values
        sparse_threshold=0,
    )
    return Pipeline([
        # true/false/missing -> 1.0/0.0/NaN, and missing text -> no words (operator.methodcaller pickles cleanly)
        ("flags", FunctionTransformer(operator.methodcaller("astype", BOOLEANS))),
        ("text", FunctionTransformer(operator.methodcaller("fillna", {"amenities": ""}))),
        ("columns", columns),
        ("xgboost", XGBRegressor(n_estimators=200, max_depth=6, learning_rate=0.1, tree_method="hist",
                                 random_state=42, n_jobs=2)),
    ])


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--data", required=True, help="CSV written by ./bighead data listings")
    args.add_argument("--out", required=True, help="folder for the MLflow model (replaced)")
    opts = args.parse_args()

    data = pd.read_csv(opts.data)
    names = [name for name, _, _ in FEATURES]
    train, test = train_test_split(data, test_size=0.2, random_state=42)
    model = pipeline()
    started = time.perf_counter()
    model.fit(train[names], train[TARGET])
    fit_seconds = time.perf_counter() - started
    r2 = r2_score(test[TARGET], model.predict(test[names]))
    # one thread per prediction: a single row gains nothing from more, and the server may run several workers
    model.named_steps["xgboost"].set_params(n_jobs=1)

    signature = ModelSignature(
        inputs=Schema([ColSpec(kind, name, required=not optional) for name, kind, optional in FEATURES]),
        outputs=Schema([ColSpec("double", TARGET)]),
    )
    shutil.rmtree(opts.out, ignore_errors=True)
    # MLflow stores scikit-learn models with skops, which loads only the types it is told to trust
    mlflow.sklearn.save_model(model, opts.out, signature=signature, skops_trusted_types=TRUSTED_TYPES)
    print(json.dumps({"rows": len(data), "train_rows": len(train), "fit_seconds": round(fit_seconds, 2),
                      "r2_test": round(float(r2), 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
