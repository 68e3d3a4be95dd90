"""The PyTorch peer of issue 19's side-by-side table: plain inference of DeepXplore's LeNet-5.

The same weights (Model3.h5, read with h5py) in PyTorch on the CPU, over the 10,000 MNIST test
images in batches of 64: the median of 5 timed passes after one warm-up, with 2 threads and with 1,
and the accuracy, which must be the 98.81% that DeepJUnit's DL4J and TensorFlow builds give.

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

    def forward(x):
        x = F.max_pool2d(F.relu(F.conv2d(x, c1, b1, padding=2)), 2)
        x = F.max_pool2d(F.relu(F.conv2d(x, c2, b2, padding=2)), 2)
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # Keras flattens channels last
        x = F.relu(F.linear(x, f1, fb1))
        x = F.relu(F.linear(x, f2, fb2))
        return F.softmax(F.linear(x, f3, fb3), dim=1)

    batches = [torch.from_numpy(images[i : i + 64]) for i in range(0, len(images), 64)]
    for threads in (2, 1):
        torch.set_num_threads(threads)
        times = []
        with torch.no_grad():
            for run in range(6):
                start = time.perf_counter()
                predicted = torch.cat([forward(b).argmax(dim=1) for b in batches]).numpy()
                if run > 0:
                    times.append(time.perf_counter() - start)
        accuracy = 100.0 * np.mean(predicted == labels)
        print(
            f"PyTorch {torch.__version__}, {threads} thread(s): LeNet-5 plain inference, 10k images: "
            f"median {statistics.median(times):.3f} s (runs {', '.join(f'{t:.3f}' for t in times)}), "
            f"accuracy {accuracy:.2f}%"
        )


if __name__ == "__main__":
    resources = pathlib.Path(__file__).resolve().parents[1] / "resources"
    main(
        resources / "deepxplore-mnist" / "Model3.h5",
        resources / "mnist" / "t10k-images-idx3-ubyte.gz",
        resources / "mnist" / "t10k-labels-idx1-ubyte.gz",
    )
