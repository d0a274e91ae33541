"""Emulator speed side by side: ale-py vs Zoo's Atari2600, Pong, frame skip 1, random
actions, one core each, in one run.

Zoo's emulator is compiled with `swiftc -O` straight from Sources/Atari2600 plus
bench_main.swift (no SwiftPM build of the whole package needed).

    pip install ale-py numpy
    python3 scripts/atari/bench_emulator_vs_ale.py [frames]
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ale_py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
ROM = Path(ale_py.__file__).parent / "roms" / "pong.bin"


def ale_speed(frames):
    ale = ale_py.ALEInterface()
    ale.setLoggerMode(ale_py.LoggerMode.Error)
    ale.setInt("random_seed", 0)
    ale.setFloat("repeat_action_probability", 0.0)
    ale.loadROM(str(ROM))
    actions = ale.getMinimalActionSet()
    picks = np.random.default_rng(0).integers(len(actions), size=frames)
    start = time.perf_counter()
    for k in picks:
        ale.act(actions[k])
        if ale.game_over():
            ale.reset_game()
    elapsed = time.perf_counter() - start
    return frames / elapsed


def zoo_speed(frames):
    sources = sorted(str(p) for p in (ROOT / "Sources/Atari2600").rglob("*.swift"))
    with tempfile.TemporaryDirectory() as tmp:
        binary = Path(tmp) / "bench"
        main = Path(tmp) / "main.swift"
        main.write_text((Path(__file__).parent / "bench_main.swift").read_text())
        subprocess.run(["swiftc", "-O", "-wmo", "-module-name", "Bench", "-o", str(binary),
                        *sources, str(main)], check=True, cwd=tmp)
        out = subprocess.run(["taskset", "-c", "0", str(binary), str(ROM), str(frames), "1"],
                             check=True, capture_output=True, text=True).stdout
    print(out.strip())
    return float(out.split()[1])


def main():
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    zoo = zoo_speed(frames)
    ale = ale_speed(frames)
    print(f"ale-py {ale:.0f} frames/s; Zoo {zoo:.0f} frames/s; ratio {zoo / ale:.2f}x")


if __name__ == "__main__":
    main()
