#!/usr/bin/python3
"""scikit-learn peer of `Nabla.Bench mlp`: MLPClassifier on the same workload (bench/workloads/mlp.json).

Usage: /usr/bin/python3 bench/peers/mlp_sklearn.py [--threads N] [--json PATH] [--quick] [--data-dir DIR]

Same network (hidden layers 256 and 128, ReLU, softmax cross-entropy), Adam with lr 1e-3, shuffled mini-batches.
Configured at its best: OpenBLAS on the kernels of Nabla's ISA path (Haswell on AVX2, else its own choice) with
OPENBLAS_NUM_THREADS = --threads. Each epoch is one warm-started fit(max_iter=1); seconds per epoch is the
median over epochs 2..E, test accuracy is measured after E epochs. L2 penalty alpha is set to 0 to match.
"""
import argparse
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common as pc  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", default=None)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--data-dir", default=None)
    return p.parse_args()


def main():
    args = parse_args()
    pc.ensure_best_environment(args.threads)
    import numpy as np
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    warnings.simplefilter("ignore", ConvergenceWarning)

    w = pc.workload("mlp")
    xtr, ytr, xte, yte, source = pc.fashion_mnist(np, args.data_dir) or pc.random_data(np, w["seed"])
    epochs = 2 if args.quick else w["epochs"]
    print(f"scikit-learn {sklearn.__version__} mlp, OpenBLAS threads {args.threads}")
    results = []
    for bs in w["batch_sizes"]:
        clf = MLPClassifier(hidden_layer_sizes=tuple(w["layers"][1:-1]), activation="relu", solver="adam",
                            alpha=0.0, batch_size=bs, learning_rate_init=w["lr"], max_iter=1, shuffle=True,
                            random_state=w["seed"], warm_start=True, tol=0.0, n_iter_no_change=10**9)
        times = []
        for _ in range(epochs):
            t0 = time.perf_counter()
            clf.fit(xtr, ytr)
            times.append(time.perf_counter() - t0)
        acc = float((clf.predict(xte) == yte).mean())
        sec = pc.median(times[1:]) if len(times) > 1 else times[0]
        results.append({"name": f"mlp-b{bs}", "batch": bs, "epochs": epochs, "seconds_per_epoch": sec,
                        "samples_per_second": len(xtr) / sec, "test_accuracy": acc, "data": source})
        print(f"batch {bs:>4}: {sec:.3f} s/epoch, {len(xtr) / sec:,.0f} samples/s, test accuracy {acc:.4f}", flush=True)
    path = args.json or os.path.join(pc.ROOT, "bench", "results", f"mlp-sklearn-t{args.threads}.json")
    config = {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE")}
    pc.write_report(path, "mlp", f"scikit-learn {sklearn.__version__}", args.threads, results, config)


if __name__ == "__main__":
    main()
