#!/usr/bin/python3
"""Writes the golden JSON files under tests/reference/golden/ that Nabla.NN's tests compare against.

Generated with: Debian's python3-torch 1.13.0a0 and python3-numpy 1.24.2 (see "generator" in every file).

Regenerate (only needed when a case is added or changed; CI reads the committed JSON and needs no PyTorch):
    apt-get update && apt-get install -y python3-torch python3-numpy
    env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/reference/make_golden.py
(use Debian's /usr/bin/python3, not a pyenv/venv python, so that `import torch` finds the Debian package).

Conventions of every file:
  * a tensor is {"shape": [..], "data": [.. row-major ..]};
  * float32 values are written as the shortest decimal that parses back to the same float32
    (numpy's repr of np.float32), so parsing with float.Parse / JsonElement.GetSingle is exact;
  * learning rates of schedules are Python floats (float64) and are written with full float64 repr;
  * inputs are drawn from numpy RandomState with fixed seeds and stored in the file, so the C# side never
    needs to reproduce any random generator.

Files:
  optimizers.json  parameter trajectories of a 3-4-2 tanh MLP trained with MSE by each optimizer setting
  losses.json      loss values and input gradients for each loss / option / reduction
  layers.json      Linear(4 -> 3) + activation: output and gradients of x, weight, bias for a fixed upstream grad
  schedules.json   learning-rate sequences of the LR schedulers
  init.json        torch.nn.init.calculate_gain values
  clip.json        clip_grad_norm_ / clip_grad_value_ results
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)  # determinism (and no oversubscription on the 2-core machine)
torch.use_deterministic_algorithms(True)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
GENERATOR = {
    "script": "tests/reference/make_golden.py",
    "torch": torch.__version__,
    "numpy": np.__version__,
    "python": sys.version.split()[0],
}


# ----------------------------------------------------------------------------------------------- writing


class F32(float):
    """A float that must be written as the shortest decimal of its float32 value."""


class F64(float):
    """A float written with full float64 precision (Python's repr)."""


def f32(x):
    return F32(float(np.float32(x)))


def tensor(t):
    """{"shape", "data"} of a torch tensor or numpy array, values as float32."""
    if isinstance(t, torch.Tensor):
        t = t.detach().cpu().numpy()
    a = np.asarray(t, dtype=np.float32)
    return {"shape": list(a.shape), "data": [f32(v) for v in a.reshape(-1)]}


def dump(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {dump(v, indent + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)):
        # Lists of numbers stay on one line; lists of objects get one element per line.
        if all(not isinstance(v, (dict, list, tuple)) for v in obj):
            return "[" + ", ".join(dump(v) for v in obj) + "]"
        return "[\n" + ",\n".join(pad + "  " + dump(v, indent + 1) for v in obj) + "\n" + pad + "]"
    if isinstance(obj, bool) or obj is None:
        return json.dumps(obj)
    if isinstance(obj, F32):
        if not np.isfinite(obj):
            raise ValueError(f"non-finite value {obj} cannot be written to JSON")
        return repr(np.float32(obj))
    if isinstance(obj, float):
        if not np.isfinite(obj):
            raise ValueError(f"non-finite value {obj} cannot be written to JSON")
        return repr(float(obj))
    if isinstance(obj, (int, np.integer)):
        return str(int(obj))
    if isinstance(obj, str):
        return json.dumps(obj)
    raise TypeError(f"cannot write {type(obj)}")


def write(name, payload):
    payload = {"generator": GENERATOR, **payload}
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write(dump(payload) + "\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def randn(seed, *shape, scale=1.0):
    return torch.from_numpy((np.random.RandomState(seed).randn(*shape) * scale).astype(np.float32))


def uniform(seed, low, high, *shape):
    return torch.from_numpy(np.random.RandomState(seed).uniform(low, high, shape).astype(np.float32))


# ----------------------------------------------------------------------------------------------- optimizers

# The model every optimizer trains: Linear(3 -> 4), Tanh, Linear(4 -> 2); MSE loss (mean) on 8 samples.
# Parameter names are those of nn.Sequential: 0.weight [4,3], 0.bias [4], 2.weight [2,4], 2.bias [2].
OPT_STEPS = 25
OPT_RECORD = [1, 2, 3, 4, 5, 10, 15, 20, 25]  # steps after which all parameters are recorded


def opt_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    with torch.no_grad():
        model[0].weight.copy_(randn(101, 4, 3, scale=0.6))
        model[0].bias.copy_(randn(102, 4, scale=0.3))
        model[2].weight.copy_(randn(103, 2, 4, scale=0.6))
        model[2].bias.copy_(randn(104, 2, scale=0.3))
    return model


OPT_X = randn(105, 8, 3)
OPT_Y = randn(106, 8, 2)

OPT_CASES = [
    ("sgd_plain", "sgd", {"lr": 0.1}),
    ("sgd_momentum", "sgd", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_dampening", "sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),
    ("sgd_nesterov", "sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "sgd", {"lr": 0.1, "weight_decay": 0.05}),
    ("sgd_momentum_weight_decay", "sgd", {"lr": 0.1, "momentum": 0.8, "weight_decay": 0.05}),
    ("sgd_maximize", "sgd", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    ("adagrad_plain", "adagrad", {"lr": 0.1}),
    ("adagrad_lr_decay", "adagrad", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1}),
    ("adagrad_weight_decay", "adagrad", {"lr": 0.1, "weight_decay": 0.1, "eps": 1e-6}),
    ("rmsprop_plain", "rmsprop", {"lr": 0.01}),
    ("rmsprop_momentum", "rmsprop", {"lr": 0.01, "momentum": 0.9, "alpha": 0.9}),
    ("rmsprop_centered", "rmsprop", {"lr": 0.01, "centered": True}),
    ("rmsprop_centered_momentum", "rmsprop", {"lr": 0.01, "centered": True, "momentum": 0.5}),
    ("rmsprop_weight_decay", "rmsprop", {"lr": 0.01, "weight_decay": 0.1, "eps": 1e-6}),
    ("adam_plain", "adam", {"lr": 0.01}),
    ("adam_betas_eps", "adam", {"lr": 0.02, "betas": [0.8, 0.99], "eps": 1e-6}),
    ("adam_weight_decay", "adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("adam_amsgrad", "adam", {"lr": 0.01, "amsgrad": True}),
    ("adamw_default", "adamw", {"lr": 0.01}),
    ("adamw_weight_decay_amsgrad", "adamw", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
]

OPT_CLASSES = {
    "sgd": torch.optim.SGD,
    "adagrad": torch.optim.Adagrad,
    "rmsprop": torch.optim.RMSprop,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
}


def make_optimizers():
    base = opt_model()
    init = {name: tensor(p) for name, p in base.named_parameters()}
    cases = []
    for name, kind, options in OPT_CASES:
        model = opt_model()
        kwargs = dict(options)
        if "betas" in kwargs:
            kwargs["betas"] = tuple(kwargs["betas"])
        kwargs["foreach"] = False  # the plain per-parameter loop: the reference algorithm
        opt = OPT_CLASSES[kind](model.parameters(), **kwargs)
        losses, records = [], []
        for step in range(1, OPT_STEPS + 1):
            opt.zero_grad()
            loss = F.mse_loss(model(OPT_X), OPT_Y)
            loss.backward()
            losses.append(f32(loss.item()))
            opt.step()
            if step in OPT_RECORD:
                records.append({"step": step,
                                "params": {n: tensor(p)["data"] for n, p in model.named_parameters()}})
        cases.append({"name": name, "optimizer": kind,
                      "options": {k: (F64(v) if isinstance(v, float) else v) for k, v in options.items()},
                      "losses": losses, "records": records})
    write("optimizers.json", {
        "model": "Sequential(Linear(3, 4), Tanh(), Linear(4, 2)); loss = mse_loss(model(x), y) (mean)",
        "steps": OPT_STEPS,
        "note": "losses[k] is the loss before step k+1; records hold the parameters after the given step",
        "x": tensor(OPT_X), "y": tensor(OPT_Y), "init": init, "cases": cases,
    })


# ----------------------------------------------------------------------------------------------- losses

N, C = 4, 3


def loss_case(name, loss, options, inp, target, fn, grad=True):
    x = inp.clone().requires_grad_(True)
    out = fn(x, target)
    case = {"name": name, "loss": loss, "options": options, "input": tensor(inp), "target": tensor(target),
            "output": tensor(out)}
    if grad:
        # For reduction "none" the upstream gradient is a fixed non-uniform tensor so the test sees
        # element-wise behaviour; for scalar outputs it is 1.
        if out.dim() == 0:
            out.backward()
            case["upstream"] = None
        else:
            g = torch.linspace(0.5, 1.5, out.numel()).reshape(out.shape)
            out.backward(g)
            case["upstream"] = tensor(g)
        case["input_grad"] = tensor(x.grad)
    return case


def make_losses():
    cases = []
    pred = randn(201, N, C)
    reg_target = randn(202, N, C)
    huber_pred = randn(203, N, C, scale=1.5)  # spans both sides of delta
    probs = uniform(204, 0.05, 0.95, N, C)
    bin_target = torch.from_numpy((np.random.RandomState(205).rand(N, C) > 0.5).astype(np.float32))
    soft_bin_target = uniform(206, 0.0, 1.0, N, C)
    logits = randn(207, N, C, scale=2.0)
    logits_big = logits.clone()
    logits_big[0, 0], logits_big[1, 1], logits_big[2, 2] = 40.0, -40.0, 90.0  # stability
    classes = torch.tensor([2.0, 0.0, 1.0, 2.0])
    class_probs = torch.softmax(randn(208, N, C), dim=1)
    class_weight = torch.tensor([0.2, 1.0, 3.0])
    pos_weight = torch.tensor([0.5, 2.0, 3.0])

    for red in ("mean", "sum", "none"):
        o = {"reduction": red}
        cases.append(loss_case(f"mse_{red}", "mse", o, pred, reg_target,
                               lambda x, t: F.mse_loss(x, t, reduction=red)))
        cases.append(loss_case(f"l1_{red}", "l1", o, pred, reg_target,
                               lambda x, t: F.l1_loss(x, t, reduction=red)))
        cases.append(loss_case(f"huber_{red}", "huber", {**o, "delta": F64(1.0)}, huber_pred, reg_target,
                               lambda x, t: F.huber_loss(x, t, reduction=red, delta=1.0)))
        cases.append(loss_case(f"bce_{red}", "bce", o, probs, bin_target,
                               lambda x, t: F.binary_cross_entropy(x, t, reduction=red)))
        cases.append(loss_case(f"bce_with_logits_{red}", "bce_with_logits", o, logits_big, bin_target,
                               lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction=red)))
        cases.append(loss_case(f"bce_with_logits_pos_weight_{red}", "bce_with_logits",
                               {**o, "pos_weight": tensor(pos_weight)}, logits, soft_bin_target,
                               lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction=red,
                                                                               pos_weight=pos_weight)))
        cases.append(loss_case(f"cross_entropy_indices_{red}", "cross_entropy", o, logits, classes,
                               lambda x, t: F.cross_entropy(x, t.long(), reduction=red)))
        cases.append(loss_case(f"cross_entropy_indices_weight_{red}", "cross_entropy",
                               {**o, "weight": tensor(class_weight)}, logits, classes,
                               lambda x, t: F.cross_entropy(x, t.long(), weight=class_weight, reduction=red)))
        cases.append(loss_case(f"cross_entropy_indices_smoothing_{red}", "cross_entropy",
                               {**o, "label_smoothing": F64(0.1)}, logits, classes,
                               lambda x, t: F.cross_entropy(x, t.long(), label_smoothing=0.1, reduction=red)))
        cases.append(loss_case(f"cross_entropy_indices_weight_smoothing_{red}", "cross_entropy",
                               {**o, "weight": tensor(class_weight), "label_smoothing": F64(0.2)}, logits, classes,
                               lambda x, t: F.cross_entropy(x, t.long(), weight=class_weight, label_smoothing=0.2,
                                                            reduction=red)))
        cases.append(loss_case(f"cross_entropy_probs_{red}", "cross_entropy", o, logits, class_probs,
                               lambda x, t: F.cross_entropy(x, t, reduction=red)))
        cases.append(loss_case(f"cross_entropy_probs_weight_smoothing_{red}", "cross_entropy",
                               {**o, "weight": tensor(class_weight), "label_smoothing": F64(0.1)}, logits,
                               class_probs,
                               lambda x, t: F.cross_entropy(x, t, weight=class_weight, label_smoothing=0.1,
                                                            reduction=red)))
        log_probs = torch.log_softmax(logits, dim=1)
        cases.append(loss_case(f"nll_{red}", "nll", o, log_probs, classes,
                               lambda x, t: F.nll_loss(x, t.long(), reduction=red)))
        cases.append(loss_case(f"nll_weight_{red}", "nll", {**o, "weight": tensor(class_weight)}, log_probs,
                               classes, lambda x, t: F.nll_loss(x, t.long(), weight=class_weight, reduction=red)))

    cases.append(loss_case("huber_delta_half_mean", "huber", {"reduction": "mean", "delta": F64(0.5)},
                           huber_pred, reg_target, lambda x, t: F.huber_loss(x, t, delta=0.5)))
    cases.append(loss_case("cross_entropy_big_logits_mean", "cross_entropy", {"reduction": "mean"}, logits_big,
                           classes, lambda x, t: F.cross_entropy(x, t.long())))
    # BCE clamps each log term to >= -100 (PyTorch's documented choice). The gradient at exactly 0 or 1 is
    # an implementation detail (PyTorch divides by max(p(1-p), 1e-12)), so only the values are recorded.
    extreme = torch.tensor([[0.0, 1.0, 0.0, 1.0, 1e-30, 0.5]])
    extreme_t = torch.tensor([[0.0, 1.0, 1.0, 0.0, 1.0, 1.0]])
    cases.append(loss_case("bce_clamped_none", "bce", {"reduction": "none"}, extreme, extreme_t,
                           lambda x, t: F.binary_cross_entropy(x, t, reduction="none"), grad=False))
    write("losses.json", {
        "note": "input_grad = d(sum(output * upstream))/d input; upstream is null when the output is a scalar "
                "(then it is 1). Class-index targets are stored as floats.",
        "cases": cases})


# ----------------------------------------------------------------------------------------------- layers

ACTIVATIONS = [
    ("identity", {}, lambda z: z),
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("relu", {}, F.relu),
    ("leaky_relu", {"slope": F64(0.1)}, lambda z: F.leaky_relu(z, 0.1)),
    ("leaky_relu_default", {"slope": F64(0.01)}, F.leaky_relu),
    ("elu", {"alpha": F64(1.0)}, F.elu),
    ("softplus", {}, F.softplus),
    ("gelu", {"approximate": "none"}, F.gelu),
    ("gelu_tanh", {"approximate": "tanh"}, lambda z: F.gelu(z, approximate="tanh")),
    ("silu", {}, F.silu),
    ("softmax", {"dim": 1}, lambda z: torch.softmax(z, dim=1)),
    ("log_softmax", {"dim": 1}, lambda z: torch.log_softmax(z, dim=1)),
]


def make_layers():
    x = randn(301, 5, 4)
    w = randn(302, 3, 4, scale=0.7)
    b = randn(303, 3, scale=0.3)
    upstream = randn(304, 5, 3)
    cases = []
    for name, options, act in ACTIVATIONS:
        layer = nn.Linear(4, 3)
        with torch.no_grad():
            layer.weight.copy_(w)
            layer.bias.copy_(b)
        xi = x.clone().requires_grad_(True)
        y = act(layer(xi))
        y.backward(upstream)
        cases.append({"name": name, "activation": name.replace("_default", ""), "options": options,
                      "output": tensor(y), "x_grad": tensor(xi.grad),
                      "weight_grad": tensor(layer.weight.grad), "bias_grad": tensor(layer.bias.grad)})
    write("layers.json", {
        "layer": "y = act(x @ weight.T + bias); grads are of sum(y * upstream)",
        "x": tensor(x), "weight": tensor(w), "bias": tensor(b), "upstream": tensor(upstream),
        "cases": cases})


# ----------------------------------------------------------------------------------------------- schedules

def lr_sequence(make, epochs, metrics=None, per_step_momentum=False):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    sched = make(opt)
    lrs, moms = [], []
    for e in range(epochs):
        lrs.append(F64(opt.param_groups[0]["lr"]))
        moms.append(F64(opt.param_groups[0]["momentum"]))
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[e])
    return lrs, moms


def make_schedules():
    S = torch.optim.lr_scheduler
    plateau_metrics = [1.0, 0.9, 0.85, 0.85, 0.86, 0.84, 0.84, 0.84, 0.84, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
                       0.49999, 0.5, 0.5, 0.5, 0.5]
    cases = []

    def add(name, kind, options, make, epochs, metrics=None, momentum=False):
        lrs, moms = lr_sequence(make, epochs, metrics)
        case = {"name": name, "schedule": kind, "options": options, "lrs": lrs}
        if metrics is not None:
            case["metrics"] = [F64(m) for m in metrics]
        if momentum:
            case["momentums"] = moms
        cases.append(case)

    add("step", "step", {"step_size": 5, "gamma": F64(0.5)}, lambda o: S.StepLR(o, 5, gamma=0.5), 20)
    add("multi_step", "multi_step", {"milestones": [3, 7, 12], "gamma": F64(0.1)},
        lambda o: S.MultiStepLR(o, [3, 7, 12], gamma=0.1), 15)
    add("exponential", "exponential", {"gamma": F64(0.9)}, lambda o: S.ExponentialLR(o, 0.9), 15)
    add("cosine", "cosine", {"t_max": 10, "eta_min": F64(0.001)},
        lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 11)
    add("cosine_beyond_t_max", "cosine", {"t_max": 6, "eta_min": F64(0.0)},
        lambda o: S.CosineAnnealingLR(o, T_max=6), 16)
    add("linear_warmup", "linear", {"start_factor": F64(0.1), "end_factor": F64(1.0), "total_iters": 5},
        lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5), 10)
    add("linear_decay", "linear", {"start_factor": F64(1.0), "end_factor": F64(0.25), "total_iters": 4},
        lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=4), 8)
    add("reduce_on_plateau", "reduce_on_plateau",
        {"mode": "min", "factor": F64(0.5), "patience": 2, "threshold": F64(1e-4), "threshold_mode": "rel",
         "cooldown": 1, "min_lr": F64(0.01), "eps": F64(1e-8)},
        lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2, threshold=1e-4, cooldown=1,
                                      min_lr=0.01), len(plateau_metrics), plateau_metrics)
    add("reduce_on_plateau_max_abs", "reduce_on_plateau",
        {"mode": "max", "factor": F64(0.1), "patience": 1, "threshold": F64(0.05), "threshold_mode": "abs",
         "cooldown": 0, "min_lr": F64(0.0), "eps": F64(1e-8)},
        lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.1, patience=1, threshold=0.05,
                                      threshold_mode="abs"), 12,
        [0.5, 0.6, 0.62, 0.64, 0.7, 0.71, 0.72, 0.9, 0.91, 0.92, 0.93, 0.99])
    add("one_cycle_cos", "one_cycle", {"max_lr": F64(1.0), "total_steps": 20},
        lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20), 20, momentum=True)
    add("one_cycle_linear_three_phase", "one_cycle",
        {"max_lr": F64(0.5), "total_steps": 25, "pct_start": F64(0.4), "anneal_strategy": "linear",
         "three_phase": True, "div_factor": F64(10.0), "final_div_factor": F64(100.0)},
        lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=25, pct_start=0.4, anneal_strategy="linear",
                               three_phase=True, div_factor=10.0, final_div_factor=100.0), 25, momentum=True)
    write("schedules.json", {
        "note": "base lr 0.1 (SGD, momentum 0.9) except one_cycle, which sets its own; lrs[e] is the lr used in "
                "epoch e (before the e-th scheduler step); reduce_on_plateau steps with metrics[e] after epoch e; "
                "momentums are those one_cycle writes into the optimizer",
        "base_lr": F64(0.1), "cases": cases})


# ----------------------------------------------------------------------------------------------- init / clip

def make_init():
    gains = []
    for nl, param in [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                      ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None)]:
        g = nn.init.calculate_gain(nl, param)
        gains.append({"nonlinearity": nl, "param": None if param is None else F64(param), "gain": F64(g)})
    write("init.json", {
        "note": "calculate_gain(nonlinearity, param); leaky_relu with param null uses slope 0.01",
        "gains": gains})


def make_clip():
    grads = [randn(401, 3, 2), randn(402, 4), randn(403, 2, 2, scale=3.0)]
    cases = []
    for max_norm, norm_type in [(1.0, 2.0), (100.0, 2.0), (0.5, 1.0), (2.0, float("inf"))]:
        ps = [torch.nn.Parameter(torch.zeros_like(g)) for g in grads]
        for p, g in zip(ps, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type)
        cases.append({"kind": "norm", "max_norm": F64(max_norm),
                      "norm_type": "inf" if norm_type == float("inf") else F64(norm_type),
                      "total_norm": f32(total.item()), "grads": [tensor(p.grad) for p in ps]})
    ps = [torch.nn.Parameter(torch.zeros_like(g)) for g in grads]
    for p, g in zip(ps, grads):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(ps, 0.5)
    cases.append({"kind": "value", "clip_value": F64(0.5), "grads": [tensor(p.grad) for p in ps]})
    write("clip.json", {"input_grads": [tensor(g) for g in grads], "cases": cases})


if __name__ == "__main__":
    make_optimizers()
    make_losses()
    make_layers()
    make_schedules()
    make_init()
    make_clip()
