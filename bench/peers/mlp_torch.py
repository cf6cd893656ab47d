#!/usr/bin/python3
"""PyTorch peer of `Nabla.Bench mlp` and `Nabla.Bench latency`: same workload (bench/workloads/mlp.json).

Usage: /usr/bin/python3 bench/peers/mlp_torch.py [mlp|latency] [--threads N] [--json PATH] [--quick] [--data-dir DIR]

Configured at its best, as the project's performance notes measured (Debian's PyTorch 1.13):
  * OpenBLAS on the kernels of Nabla's ISA path (peer_common.openblas_coretype: Haswell on AVX2, else its own choice);
  * torch.set_num_threads(1) with OPENBLAS_NUM_THREADS = --threads (float matmul goes to OpenBLAS, whose own
    threads torch does not limit: torch and OpenBLAS both at 2 threads oversubscribe 2 cores);
  * glibc malloc thresholds raised so training does not spend ~30% of its time in page faults.
mlp: seconds per epoch (median over epochs 2..E; epoch 1 warms up) and test accuracy after E epochs, per batch size.
latency: median microseconds per forward pass under torch.inference_mode() at batch 1 and 64.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_common as pc  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("suite", nargs="?", default="mlp", choices=["mlp", "latency"])
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", default=None)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--data-dir", default=None)
    return p.parse_args()


def build(torch, layers, seed):
    torch.manual_seed(seed)
    mods = []
    for i in range(len(layers) - 1):
        mods.append(torch.nn.Linear(layers[i], layers[i + 1]))
        if i < len(layers) - 2:
            mods.append(torch.nn.ReLU())
    return torch.nn.Sequential(*mods)


def run_mlp(torch, np, w, data, quick):
    xtr, ytr, xte, yte, source = data
    xtr, ytr, xte, yte = map(torch.from_numpy, (xtr, ytr, xte, yte))
    epochs = 2 if quick else w["epochs"]
    results = []
    for bs in w["batch_sizes"]:
        model = build(torch, w["layers"], w["seed"])
        opt = torch.optim.Adam(model.parameters(), lr=w["lr"])
        loss_fn = torch.nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(w["seed"])
        times = []
        for _ in range(epochs):
            t0 = time.perf_counter()
            perm = torch.randperm(len(xtr), generator=gen)
            for i in range(0, len(xtr), bs):
                idx = perm[i:i + bs]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xtr[idx]), ytr[idx])
                loss.backward()
                opt.step()
            times.append(time.perf_counter() - t0)
        with torch.inference_mode():
            acc = (model(xte).argmax(1) == yte).float().mean().item()
        sec = pc.median(times[1:]) if len(times) > 1 else times[0]
        row = {"name": f"mlp-b{bs}", "batch": bs, "epochs": epochs, "seconds_per_epoch": sec,
               "samples_per_second": len(xtr) / sec, "test_accuracy": acc, "data": source}
        results.append(row)
        print(f"batch {bs:>4}: {sec:.3f} s/epoch, {len(xtr) / sec:,.0f} samples/s, test accuracy {acc:.4f}", flush=True)
    return results


def run_latency(torch, np, w, quick):
    model = build(torch, w["layers"], w["seed"]).eval()
    results = []
    for bs in w["latency_batches"]:
        x = torch.rand(bs, w["layers"][0])
        with torch.inference_mode():
            end = time.perf_counter() + (0.2 if quick else 1.0)
            while time.perf_counter() < end:
                model(x)
            samples = []
            for _ in range(7 if quick else 21):
                n = 200
                t0 = time.perf_counter()
                for _ in range(n):
                    model(x)
                samples.append((time.perf_counter() - t0) / n)
        us = pc.median(samples) * 1e6
        results.append({"name": f"latency-b{bs}", "batch": bs, "microseconds": us})
        print(f"batch {bs:>4}: {us:.1f} us per forward pass", flush=True)
    return results


def main():
    args = parse_args()
    pc.ensure_best_environment(args.threads, pc.MALLOC_TUNING)
    import numpy as np
    import torch
    torch.set_num_threads(1)
    w = pc.workload("mlp")
    print(f"PyTorch {torch.__version__} {args.suite}, torch threads 1, OpenBLAS threads {args.threads}")
    if args.suite == "mlp":
        data = pc.fashion_mnist(np, args.data_dir) or pc.random_data(np, w["seed"])
        results = run_mlp(torch, np, w, data, args.quick)
    else:
        results = run_latency(torch, np, w, args.quick)
    path = args.json or os.path.join(pc.ROOT, "bench", "results", f"{args.suite}-torch-t{args.threads}.json")
    config = {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", *pc.MALLOC_TUNING)}
    config["torch_threads"] = 1
    pc.write_report(path, args.suite, f"PyTorch {torch.__version__}", args.threads, results, config)


if __name__ == "__main__":
    main()
