#!/usr/bin/env python3
"""Records the verdicts of a DeepJUnit received file from the MNIST test labels, and approves it.

The person in DeepJUnit's loop looks at each input the models disagreed on and writes down the correct
answer. For MNIST test images that answer is already known: the label. This script finds each record's
input among the MNIST test images (pixel / 255, exact match), sets "correct" to its label, writes a short
note, and saves the file as .approved.json (deleting the .received.json).

    python3 scripts/record-verdicts-from-labels.py \
        src/test/resources/deepjunit/approved/org.deepjunit.samples.mnist.LeNetDifferentialTest.classifiesTheFirstThousandDigits.received.json

Run it in samples/. Only the Python 3 standard library is needed.
"""
import base64
import gzip
import json
import struct
import sys
from pathlib import Path

MNIST = Path(__file__).resolve().parent.parent / "src/test/resources/mnist"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    header = 8 + 4 * ((magic & 0xFF) - 1)
    return count, data[header:]


def main(received):
    received = Path(received)
    if not received.name.endswith(".received.json"):
        sys.exit(f"{received} is not a .received.json file")
    count, images = read_idx(MNIST / "t10k-images-idx3-ubyte.gz")
    _, labels = read_idx(MNIST / "t10k-labels-idx1-ubyte.gz")
    index = {images[i * 784:(i + 1) * 784]: i for i in range(count)}

    doc = json.loads(received.read_text(encoding="utf-8"))
    for record in doc["records"]:
        shape = record["input"]["shape"]
        values = struct.unpack(f"<{784}f", base64.b64decode(record["input"]["float32Base64"]))
        if shape != [28, 28, 1]:
            sys.exit(f"record {record['id']}: shape {shape} is not an MNIST image")
        pixels = bytes(round(v * 255) for v in values)
        i = index.get(pixels)
        if i is None:
            sys.exit(f"record {record['id']}: input is not an MNIST test image")
        label = labels[i]
        mut = record["modelUnderTest"]
        ref = record["reference"]
        record["correct"] = label
        record["note"] = (f"MNIST test image #{i}, labelled {label} (verdict recorded from the MNIST label): "
                          f"{mut['model']} says {mut['top1']}, {ref['model']} says {ref['top1']}")
        print(f"{record['id']}: image #{i}, label {label}; {mut['model']} {mut['top1']}, {ref['model']} {ref['top1']}")

    approved = received.with_name(received.name.replace(".received.json", ".approved.json"))
    approved.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    received.unlink()
    print(f"{len(doc['records'])} verdicts recorded in {approved}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
