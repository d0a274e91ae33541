#!/usr/bin/env python3
"""Interop checks of Zoo's output formats against the reference Python libraries.

Usage (with the project venv, `pip install safetensors tensorboard numpy`):

  python scripts/check_outputs.py make-fixture
      Writes Tests/ZooTests/Fixtures/reporting/python_written.safetensors (several
      tensors, several metadata keys), python_single_meta.safetensors (one metadata key,
      so its bytes are fully determined) and python_written.json (the expected values),
      all read by the Swift tests in Tests/ZooTests/Reporting/SafetensorsInteropTests.swift;
      and python_events.tfevents (framed by tensorboard's RecordWriter) with
      python_events.json, read by TensorBoardEventTests.swift.

  python scripts/check_outputs.py safetensors PATH
      Loads a Zoo-written file with safetensors.numpy.load_file and prints its keys,
      shapes, dtypes, values (abbreviated) and metadata.

  python scripts/check_outputs.py events PATH
      Reads a Zoo-written TensorBoard event file (or a directory of them) with
      tensorboard's EventAccumulator and prints every scalar tag with its (step, value)s.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "ZooTests", "Fixtures", "reporting")


def fixture_tensors():
    return {
        "actor/0.weight": np.arange(6, dtype=np.float32).reshape(2, 3) / np.float32(7),
        "actor/0.bias": np.array([-1.5, 0.0, 3.25], dtype=np.float32),
        "optimizer/actor/exp_avg.0": np.array([[1e-8], [-2e30]], dtype=np.float32),
        "scalar": np.array(np.float32(42.5)),
        "empty": np.zeros((0, 4), dtype=np.float32),
        "special": np.array([np.inf, -np.inf, -0.0, 1.17549435e-38], dtype=np.float32),
    }


def make_fixture():
    from safetensors.numpy import save_file

    os.makedirs(FIXTURES, exist_ok=True)
    tensors = fixture_tensors()
    metadata = {
        "format": "zoo",
        "recipe": 'env: CartPole-v1\nalgo: "ppo"\tseed: 7 é/\\',
        "env_steps": "123456",
        "updates": "42",
    }
    save_file(tensors, os.path.join(FIXTURES, "python_written.safetensors"), metadata=metadata)
    save_file(
        {k: tensors[k] for k in ["actor/0.bias", "actor/0.weight", "scalar"]},
        os.path.join(FIXTURES, "python_single_meta.safetensors"),
        metadata={"recipe": "line 1\nline \"2\""},
    )
    expected = {
        "generated_by": "scripts/check_outputs.py make-fixture",
        "metadata": metadata,
        "tensors": {
            k: {"shape": list(v.shape), "bits": [int(b) for b in v.reshape(-1).view(np.uint32)]}
            for k, v in tensors.items()
        },
    }
    with open(os.path.join(FIXTURES, "python_written.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    make_event_fixture()
    print("wrote fixtures to", os.path.normpath(FIXTURES))


def make_event_fixture():
    """An event file framed by tensorboard's own RecordWriter, with fixed wall times."""
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter

    specs = [
        (1700000000.25, 0, "brain.Event:2", []),
        (1700000001.5, 1, None, [("charts/episode_return", 12.5)]),
        (1700000002.75, 2048, None, [("losses/critic", 0.125), ("losses/actor", -0.0625), ("é/entropy", 0.6931472)]),
        (1700000003.0, 1 << 40, None, [("charts/sps", 3.4028235e38)]),
        (1700000004.0, -3, None, [("x", float("-inf"))]),
    ]
    described = []
    with open(os.path.join(FIXTURES, "python_events.tfevents"), "wb") as f:
        writer = RecordWriter(f)
        for wall_time, step, version, scalars in specs:
            event = event_pb2.Event(wall_time=wall_time, step=step)
            if version:
                event.file_version = version
            if scalars:
                event.summary.CopyFrom(summary_pb2.Summary(
                    value=[summary_pb2.Summary.Value(tag=t, simple_value=v) for t, v in scalars]))
            writer.write(event.SerializeToString())
            described.append({
                "wall_time": wall_time, "step": step, "file_version": version,
                "scalars": [[t, int(np.array(v, dtype=np.float32).view(np.uint32))] for t, v in scalars],
            })
        writer.flush()
    with open(os.path.join(FIXTURES, "python_events.json"), "w") as f:
        json.dump({"generated_by": "scripts/check_outputs.py make-fixture", "events": described}, f, indent=1, sort_keys=True)
        f.write("\n")


def show_safetensors(path):
    from safetensors import safe_open
    from safetensors.numpy import load_file

    tensors = load_file(path)
    with safe_open(path, framework="numpy") as f:
        metadata = f.metadata()
    print(f"{path}: {len(tensors)} tensors")
    for name in sorted(tensors):
        t = tensors[name]
        flat = t.reshape(-1)
        shown = ", ".join(repr(float(x)) for x in flat[:6]) + (", ..." if flat.size > 6 else "")
        print(f"  {name}: dtype={t.dtype} shape={list(t.shape)} values=[{shown}]")
    print("  metadata:", json.dumps(metadata, sort_keys=True))


def show_events(path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(path, size_guidance={"scalars": 0})
    acc.Reload()
    tags = acc.Tags()["scalars"]
    print(f"{path}: {len(tags)} scalar tags")
    for tag in sorted(tags):
        events = acc.Scalars(tag)
        shown = ", ".join(f"({e.step}, {e.value!r})" for e in events[:8])
        more = ", ..." if len(events) > 8 else ""
        print(f"  {tag}: {len(events)} points: {shown}{more}")


def main(argv):
    if len(argv) == 2 and argv[1] == "make-fixture":
        make_fixture()
    elif len(argv) == 3 and argv[1] == "safetensors":
        show_safetensors(argv[2])
    elif len(argv) == 3 and argv[1] == "events":
        show_events(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
