"""Shared helpers of the peer scripts: the best-configured environment, machine facts, data, JSON reports."""
import datetime
import gzip
import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# glibc malloc settings that remove PyTorch's page-fault overhead (PERFORMANCE-NOTES, trap 3).
MALLOC_TUNING = {"MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "1073741824",
                 "MALLOC_TOP_PAD_": "67108864"}


def avx2_only():
    """True on an x64 CPU without AVX-512F, or when DOTNET_EnableAVX512F=0 makes Nabla run its AVX2 path."""
    if os.environ.get("DOTNET_EnableAVX512F") == "0":
        return True
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((l for l in f if l.startswith("flags")), "")
    except OSError:
        return False
    return " avx2" in flags and " avx512f" not in flags


def openblas_coretype():
    """The OpenBLAS kernels that are the fair peer of the ISA Nabla runs: Haswell (AVX2) on the AVX2 path, else
    OpenBLAS's own choice (its AVX-512 kernels where the CPU has them). OPENBLAS_L2_SIZE is never set."""
    return "Haswell" if avx2_only() else None


def ensure_best_environment(threads, extra=None):
    """Re-executes the script with OpenBLAS on the kernels of Nabla's ISA path and `threads` BLAS threads.

    OpenBLAS and glibc read these variables when they load, so they must be set before the interpreter starts.
    """
    want = {"OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
    coretype = openblas_coretype()
    if coretype:
        want["OPENBLAS_CORETYPE"] = coretype
    want.update(extra or {})
    stale = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ and k not in want]
    if stale or any(os.environ.get(k) != v for k, v in want.items()):
        env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
        env.update(want)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def machine():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/loadavg") as f:
            load = f.read().strip()
    except OSError:
        load = "unknown"
    return {"cpu": cpu, "logical_cores": os.cpu_count(), "os": platform.platform(),
            "runtime": "Python " + platform.python_version(), "load_average": load}


def workload(name):
    with open(os.path.join(ROOT, "bench", "workloads", name + ".json")) as f:
        return json.load(f)


def fashion_mnist(np, data_dir=None):
    """Fashion-MNIST as float32 [N, 784] in [0, 1] and int64 labels, or None when the files are absent."""
    # ../shared/data/fashion-mnist beside the repository or beside any folder above it (git worktrees live deeper
    # than the main checkout; Nabla.Bench searches the same places), then Debian's directory.
    ancestors, d = [], os.path.dirname(ROOT)
    while True:
        ancestors.append(os.path.join(d, "shared", "data", "fashion-mnist"))
        if os.path.dirname(d) == d:
            break
        d = os.path.dirname(d)
    candidates = [data_dir] if data_dir else ancestors + ["/usr/share/datasets/fashion-mnist"]
    for d in candidates:
        if d and os.path.exists(os.path.join(d, "train-images-idx3-ubyte.gz")):
            def read(name, offset):
                with gzip.open(os.path.join(d, name)) as f:
                    return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)
            xtr = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
            ytr = read("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
            xte = read("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
            yte = read("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)
            return xtr, ytr, xte, yte, os.path.abspath(d)
    return None


def random_data(np, seed=1):
    """Random data of Fashion-MNIST's shape, for machines without the files (accuracy is then meaningless)."""
    rng = np.random.default_rng(seed)
    return (rng.random((60000, 784), dtype=np.float32), rng.integers(0, 10, 60000),
            rng.random((10000, 784), dtype=np.float32), rng.integers(0, 10, 10000), "random")


def write_report(path, suite, impl, threads, results, config):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    report = {"suite": suite, "impl": impl, "threads": threads,
              "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "machine": machine(), "config": config, "results": results}
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"wrote {path}")


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])
