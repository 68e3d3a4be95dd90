"""The PyTorch peer of issue 19's side-by-side table: DeepXplore's LeNet-5 in PyTorch.

The same weights (Model3.h5, read with h5py) in PyTorch on the CPU, over the 10,000 MNIST test
images in batches of 64, with 2 threads and with 1: plain inference and inference with NC
recorded on the 268 neurons DeepJUnit counts (each layer's channel means scaled by the input's
extremes over the layer, as DeepXplore does, then compared with the threshold 0.25), the median of 5 timed passes
after one warm-up; the accuracy, which must be the 98.81% that DeepJUnit's DL4J and TensorFlow
builds give; and one batch's prediction and input gradient (autograd, one logit per sample), the
median over the 157 batches.

    /usr/bin/python3 deepjunit/src/test/python/pytorch_peer.py

reads the weights and the test set from deepjunit/src/test/resources. Needs torch and h5py
(Debian: python3-torch python3-h5py, for Debian's /usr/bin/python3). Not part of the build.
"""
import gzip
import pathlib
import statistics
import time

import h5py
import numpy as np
import torch
import torch.nn.functional as F


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def weights(h5, layer):
    group = h5[layer][layer]
    return torch.from_numpy(np.array(group["kernel:0"])), torch.from_numpy(np.array(group["bias:0"]))


def main(model, images_gz, labels_gz):
    images = idx(images_gz, 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255.0
    labels = idx(labels_gz, 8)
    with h5py.File(model, "r") as h5:
        c1, b1 = weights(h5, "block1_conv1")
        c2, b2 = weights(h5, "block2_conv1")
        f1, fb1 = weights(h5, "fc1")
        f2, fb2 = weights(h5, "fc2")
        f3, fb3 = weights(h5, "before_softmax")
    # Keras kernels [kH, kW, in, out] -> [out, in, kH, kW]; dense [in, out] -> [out, in]
    c1, c2 = c1.permute(3, 2, 0, 1).contiguous(), c2.permute(3, 2, 0, 1).contiguous()
    f1, f2, f3 = f1.t().contiguous(), f2.t().contiguous(), f3.t().contiguous()

    def forward(x, layers=None):
        """The softmax output; the counted layers' outputs appended to layers when given."""
        keep = layers.append if layers is not None else (lambda a: None)
        x = F.relu(F.conv2d(x, c1, b1, padding=2))
        keep(x)
        x = F.max_pool2d(x, 2)
        keep(x)
        x = F.relu(F.conv2d(x, c2, b2, padding=2))
        keep(x)
        x = F.max_pool2d(x, 2)
        keep(x)
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # Keras flattens channels last
        x = F.relu(F.linear(x, f1, fb1))
        keep(x)
        x = F.relu(F.linear(x, f2, fb2))
        keep(x)
        logits = F.linear(x, f3, fb3)
        keep(logits)
        out = F.softmax(logits, dim=1)
        keep(out)
        return out

    def record(layers, covered):
        """NC: a neuron is covered once its scaled channel mean exceeds the threshold for some input."""
        for i, a in enumerate(layers):
            means = a.mean(dim=(2, 3)) if a.dim() == 4 else a
            flat = a.flatten(1)  # scaled by the input's extremes over the whole layer, as DeepXplore does
            low = flat.min(dim=1, keepdim=True).values
            high = flat.max(dim=1, keepdim=True).values
            scaled = (means - low) / (high - low).clamp_min(1e-12)
            covered[i] |= (scaled > 0.25).any(dim=0)

    batches = [torch.from_numpy(images[i : i + 64]) for i in range(0, len(images), 64)]
    for threads in (2, 1):
        torch.set_num_threads(threads)
        plain, recorded = [], []
        with torch.no_grad():
            for run in range(6):
                start = time.perf_counter()
                predicted = torch.cat([forward(b).argmax(dim=1) for b in batches]).numpy()
                if run > 0:
                    plain.append(time.perf_counter() - start)
                covered = [torch.zeros(n, dtype=torch.bool) for n in (6, 6, 16, 16, 120, 84, 10, 10)]
                start = time.perf_counter()
                for b in batches:
                    layers = []
                    forward(b, layers)
                    record(layers, covered)
                if run > 0:
                    recorded.append(time.perf_counter() - start)
        accuracy = 100.0 * np.mean(predicted == labels)
        p, r = statistics.median(plain), statistics.median(recorded)
        nc = sum(int(c.sum()) for c in covered)
        print(
            f"PyTorch {torch.__version__}, {threads} thread(s): LeNet-5 over the 10k images: plain median {p:.3f} s"
            f" (runs {', '.join(f'{t:.3f}' for t in plain)}), with NC recorded {r:.3f} s ({r / p:.2f}x plain,"
            f" NC {nc}/268), accuracy {accuracy:.2f}%"
        )
        predict_ms, gradient_ms = [], []
        for b in batches[:-1]:  # full batches of 64
            start = time.perf_counter()
            with torch.no_grad():
                forward(b)
            predict_ms.append(1000 * (time.perf_counter() - start))
            x = b.clone().requires_grad_(True)
            start = time.perf_counter()
            out = forward(x)
            (gradient,) = torch.autograd.grad(out[:, 3].sum(), x)
            gradient_ms.append(1000 * (time.perf_counter() - start))
        pm, gm = statistics.median(predict_ms), statistics.median(gradient_ms)
        print(
            f"PyTorch {torch.__version__}, {threads} thread(s): one batch of 64: predict median {pm:.2f} ms,"
            f" input gradient median {gm:.2f} ms ({gm / pm:.2f}x predict)"
        )

if __name__ == "__main__":
    resources = pathlib.Path(__file__).resolve().parents[1] / "resources"
    main(
        resources / "deepxplore-mnist" / "Model3.h5",
        resources / "mnist" / "t10k-images-idx3-ubyte.gz",
        resources / "mnist" / "t10k-labels-idx1-ubyte.gz",
    )
