#!/usr/bin/python3
"""Writes the three tables of docs/TRAINING.md's "defaults vs tuning vs scikit-learn" comparison, each split once
(80% train, 20% test, seed 0) so every tool is scored on the same held-out rows:

- friedman1: scikit-learn's make_friedman1(n_samples=1200, n_features=8, noise=1.0, random_state=0), regression;
- diabetes: scikit-learn's bundled diabetes data (unscaled), regression;
- breast-cancer: ../data/breast-cancer.csv (scikit-learn's bundled copy), binary classification.

Run with Debian's Python (it has scikit-learn): /usr/bin/python3 samples/tables/make_tables.py
"""
import csv
import os

import numpy as np
from sklearn.datasets import load_diabetes, make_friedman1
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, rows, stratify=None):
    train, test = train_test_split(rows, test_size=0.2, random_state=0, stratify=stratify)
    for part, data in (("train", train), ("test", test)):
        with open(os.path.join(HERE, f"{name}-{part}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(data)


def numbers(row):
    return [repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in row]


x, y = make_friedman1(n_samples=1200, n_features=8, noise=1.0, random_state=0)
write("friedman1", [f"x{i}" for i in range(8)] + ["y"], [numbers(list(a) + [b]) for a, b in zip(x, y)])

d = load_diabetes(scaled=False)
write("diabetes", list(d.feature_names) + ["progression"], [numbers(list(a) + [b]) for a, b in zip(d.data, d.target)])

with open(os.path.join(HERE, "..", "data", "breast-cancer.csv")) as f:
    rows = list(csv.reader(f))
write("breast-cancer", rows[0], rows[1:], stratify=[r[-1] for r in rows[1:]])
