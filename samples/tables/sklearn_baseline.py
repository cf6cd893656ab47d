#!/usr/bin/python3
"""scikit-learn's MLPRegressor / MLPClassifier with their defaults (inputs standardised, as Nabla does) on the tables
make_tables.py wrote: trains on NAME-train.csv, prints the test R^2 or accuracy. /usr/bin/python3 sklearn_baseline.py"""
import csv
import os
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
warnings.simplefilter("ignore", ConvergenceWarning)


def read(name, part, target):
    """Features as floats and the target column (floats for regression, strings for classes)."""
    with open(os.path.join(HERE, f"{name}-{part}.csv")) as f:
        rows = list(csv.reader(f))
    column = rows[0].index(target)
    x = np.array([[float(v) for i, v in enumerate(r) if i != column] for r in rows[1:]])
    y = [r[column] for r in rows[1:]]
    return x, (np.array(y, dtype=float) if target != "diagnosis" else np.array(y))


for name, target, model in (("friedman1", "y", MLPRegressor), ("diabetes", "progression", MLPRegressor),
                            ("breast-cancer", "diagnosis", MLPClassifier)):
    (x_train, y_train), (x_test, y_test) = (read(name, part, target) for part in ("train", "test"))
    pipe = make_pipeline(StandardScaler(), model(random_state=0))
    pipe.fit(x_train, y_train)
    score = pipe.score(x_test, y_test)
    print(f"{name}: {'R^2' if model is MLPRegressor else 'accuracy'} {score:.4f}")
