"""Writes the ONNX import fixtures: small PyTorch MLPs exported by torch.onnx.export, plus the outputs PyTorch computed.

Run with Debian's Python (python3-torch 1.13, python3-onnx):

    /usr/bin/python3 tests/reference/onnx/make_onnx_fixtures.py

For each model NAME it writes fixtures/NAME.onnx and fixtures/NAME.json ({"input": [[...]], "output": [[...]]}, 16 rows).
tests/Nabla.Onnx.Tests/ImportTests.cs imports each .onnx with OnnxImporter and checks Nabla predicts the same numbers.
"""
import json
import os

import torch
from torch import nn

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
ROWS = 16


class AbsLayer(nn.Module):
    """An element-wise op Nabla does not import (ONNX Abs): the importer must name it."""

    def forward(self, x):
        return torch.abs(x)


def models():
    torch.manual_seed(20261129)
    yield "relu_regression", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)), 4
    yield "tanh_sigmoid_binary", nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 5), nn.Sigmoid(), nn.Linear(5, 1)), 3
    yield "leaky_elu_softplus", nn.Sequential(
        nn.Linear(5, 7), nn.LeakyReLU(0.2), nn.Dropout(0.5), nn.Linear(7, 6), nn.ELU(0.5), nn.Linear(6, 4),
        nn.Softplus(), nn.Linear(4, 2)), 5
    yield "silu_gelu_softmax", nn.Sequential(
        nn.Linear(4, 6), nn.SiLU(), nn.Linear(6, 6), nn.GELU(), nn.Linear(6, 3), nn.Softmax(dim=1)), 4
    yield "no_bias_identity", nn.Sequential(nn.Linear(3, 4, bias=False), nn.Identity(), nn.Linear(4, 2)), 3
    yield "unsupported_abs", nn.Sequential(nn.Linear(3, 4), AbsLayer(), nn.Linear(4, 1)), 3
    # One hidden activation and a softmax head: a network a Nabla model package describes (ModelPackage.ImportOnnx).
    yield "tanh_softmax_multiclass", nn.Sequential(
        nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 3), nn.Softmax(dim=1)), 4


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, model, inputs in models():
        model.eval()
        x = torch.randn(ROWS, inputs)
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, x, os.path.join(HERE, name + ".onnx"), input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=14)
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump({"input": x.tolist(), "output": y.tolist()}, f)
        print(name, "written")


if __name__ == "__main__":
    main()
