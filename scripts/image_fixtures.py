#!/usr/bin/env python3
"""Reference outputs of cv2's INTER_AREA resize and of the two RGB -> grey conversions,
for Zoo's image kernels (Tests/ZooTests/Fixtures/image_ops.json).

Run:  python3 scripts/image_fixtures.py [output_dir]     (default Tests/ZooTests/Fixtures)

Needs numpy, opencv-python-headless (cv2) and gymnasium. Everything is seeded numpy, so a
rerun with the same versions rewrites the same file. Outputs are identical with
opencv-python-headless 4.14.0 and 5.0.0 (both checked).

Images and outputs are uint8, height x width x channels, row-major, stored base64-encoded
(Swift's JSONDecoder reads them as Data).

Contents (see Tests/ZooTests/Wrappers/ImageOpsFixtureTests.swift for the Swift side):
  images: {"name", "height", "width", "channels", "pixels"}: two 210x160 Atari-sized frames
      (a structured RGB one and the cv2 grey of it) plus small noise, low-value noise (levels
      0..3, so that block means land on halves and rounding ties show), gradients and
      checkerboards.
  resize: {"label", "image", "height", "width", "pixels"}: cv2.resize(image, (width, height),
      interpolation=cv2.INTER_AREA), reshaped back to height x width x channels (cv2 drops a
      trailing channel of 1). Labels name cv2's regime: "copy", "block" (whole-number
      shrink), "coverage" (fractional shrink) or "bilinear" (enlarging in some direction).
  grey: {"image", "gymnasium", "opencv"}: for an RGB image, Gymnasium 1.x's
      GrayscaleObservation formula, np.sum(np.multiply(obs, [0.2125, 0.7154, 0.0721]),
      axis=-1).astype(np.uint8), and cv2.cvtColor(obs, cv2.COLOR_RGB2GRAY). The image
      "colours" is an N x 1 strip of hard colours: those where Gymnasium's result depends on
      the order of the float64 sum, those nearest a truncation or rounding boundary of either
      formula, every r = g = b grey, and random ones.
"""

import base64
import inspect
import json
import sys
from pathlib import Path

import cv2
import gymnasium
import numpy as np
from gymnasium.wrappers import GrayscaleObservation

GENERATOR = "scripts/image_fixtures.py"
GYMNASIUM_WEIGHTS = np.array([0.2125, 0.7154, 0.0721])


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array, dtype=np.uint8).tobytes()).decode("ascii")


def noise(rng, h, w, c, levels=256):
    return rng.integers(0, levels, (h, w, c), dtype=np.uint8)


def gradient(h, w, c):
    y, x = np.mgrid[0:h, 0:w]
    planes = [(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 7) % 256, (x * y) % 256]
    return np.stack(planes[:c], axis=-1).astype(np.uint8)


def checkerboard(h, w, c, cell):
    y, x = np.mgrid[0:h, 0:w]
    board = (((y // cell) + (x // cell)) % 2 * 255).astype(np.uint8)
    return np.repeat(board[:, :, None], c, axis=-1)


def atari_frame(rng):
    """A 210x160 RGB frame with what Atari screens have: flat areas, thin lines, sprites,
    sharp edges, plus a noisy band."""
    frame = np.zeros((210, 160, 3), np.uint8)
    frame[:, :] = (0, 28, 136)
    frame[:34, :] = (142, 142, 142)
    frame[34:40, :] = (200, 72, 72)
    frame[60:66, 8:152] = (198, 108, 58)
    frame[66:72, 8:152] = (180, 122, 48)
    frame[72:78, 8:152] = (162, 162, 42)
    frame[78:84, 8:152] = (72, 160, 72)
    frame[189:193, 60:76] = (200, 72, 72)
    frame[120:122, 77:79] = (236, 236, 236)
    frame[:, :8] = (142, 142, 142)
    frame[:, 152:] = (142, 142, 142)
    frame[100:180:3, 20:140] = (255, 255, 255)
    frame[130:175, 90:135] = noise(rng, 45, 45, 3)
    frame[140:170, 25:70] = checkerboard(30, 45, 3, 1) // 2 + 60
    return frame


def cv2_grey(rgb):
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def gymnasium_grey(rgb):
    return np.sum(np.multiply(rgb, GYMNASIUM_WEIGHTS), axis=-1).astype(np.uint8)


def check_gymnasium_formula():
    source = inspect.getsource(GrayscaleObservation)
    assert "np.array([0.2125, 0.7154, 0.0721])" in source and ".astype(np.uint8)" in source, (
        "Gymnasium's GrayscaleObservation formula changed"
    )


def hard_colours(rng):
    every = np.arange(1 << 24, dtype=np.uint32)
    rgb = np.stack([(every >> 16) & 255, (every >> 8) & 255, every & 255], axis=-1).astype(np.int64)
    r, g, b = (rgb[:, i].astype(np.float64) for i in range(3))
    left_first = (r * 0.2125 + g * 0.7154) + b * 0.0721
    right_first = r * 0.2125 + (g * 0.7154 + b * 0.0721)
    order = np.nonzero(left_first.astype(np.uint8) != right_first.astype(np.uint8))[0]
    gap = np.abs(left_first - np.rint(left_first))
    near_truncation = np.argsort(gap, kind="stable")[:600]
    fixed = rgb @ np.array([9798, 19235, 3735]) + 16384
    near_rounding = np.nonzero((fixed % 32768 == 0) | (fixed % 32768 == 32767))[0]
    near_rounding = rng.choice(near_rounding, size=min(600, len(near_rounding)), replace=False)
    greys = np.arange(256) * 0x010101
    random = rng.integers(0, 1 << 24, 1000)
    chosen = np.concatenate([order, near_truncation, near_rounding, greys, random])
    return rgb[chosen].astype(np.uint8).reshape(-1, 1, 3)


def regime(src_shape, height, width):
    sh, sw = src_shape[:2]
    if (sh, sw) == (height, width):
        return "copy"
    scale_x, scale_y = 1 / (width / sw), 1 / (height / sh)
    if scale_x < 1 or scale_y < 1:
        return "bilinear"
    whole = all(abs(s - round(s)) < np.finfo(np.float64).eps for s in (scale_x, scale_y))
    return "block" if whole else "coverage"


def build():
    rng = np.random.default_rng(20240611)
    images = {}

    def add(name, image):
        assert name not in images
        images[name] = image
        return name

    atari = add("atari_rgb", atari_frame(rng))
    atari_grey = add("atari_grey", cv2_grey(images[atari])[:, :, None])

    resize_cases = []  # (image name, target height, target width)
    resize_cases += [(atari, 84, 84), (atari_grey, 84, 84), (atari, 105, 80), (atari_grey, 105, 80),
                     (atari_grey, 42, 32), (atari_grey, 100, 100)]
    for c in (1, 2, 3, 4):
        ties = add(f"ties_84x84x{c}", noise(rng, 84, 84, c, levels=4))
        resize_cases.append((ties, 42, 42))
        odd = add(f"noise_37x23x{c}", noise(rng, 37, 23, c))
        resize_cases += [(odd, 11, 7), (odd, 1, 1), (odd, 20, 30)]
    noise84 = add("noise_84x84x1", noise(rng, 84, 84, 1))
    resize_cases += [(noise84, 42, 42), (noise84, 28, 21), (noise84, 84, 84)]
    for c in (1, 3):
        ties = add(f"ties_36x36x{c}", noise(rng, 36, 36, c, levels=4))
        resize_cases += [(ties, 12, 12), (ties, 18, 12), (ties, 36, 12), (ties, 9, 36), (ties, 1, 1), (ties, 24, 24)]
        small = add(f"noise_40x20x{c}", noise(rng, 40, 20, c))
        resize_cases += [(small, 84, 84), (small, 13, 17), (small, 40, 20)]
        ramp = add(f"gradient_40x20x{c}", gradient(40, 20, c))
        resize_cases += [(ramp, 84, 84), (ramp, 20, 7)]
    for c in (2, 4):
        ramp = add(f"gradient_21x21x{c}", gradient(21, 21, c))
        resize_cases += [(ramp, 42, 42), (ramp, 63, 10)]
    board = add("checker_32x32x3", checkerboard(32, 32, 3, 1))
    resize_cases += [(board, 24, 24), (board, 48, 48), (board, 16, 16), (board, 11, 5)]
    blocks = add("checker_30x30x1", checkerboard(30, 30, 1, 3))
    resize_cases += [(blocks, 7, 9), (blocks, 10, 10), (blocks, 45, 20)]
    mixed = add("noise_10x30x3", noise(rng, 10, 30, 3))
    resize_cases += [(mixed, 20, 7), (mixed, 7, 20), (mixed, 10, 30), (mixed, 3, 10)]
    pixel = add("noise_1x1x4", noise(rng, 1, 1, 4))
    resize_cases += [(pixel, 5, 3), (pixel, 1, 1)]
    row = add("noise_1x40x2", noise(rng, 1, 40, 2))
    resize_cases += [(row, 1, 7), (row, 3, 7), (row, 1, 20)]
    column = add("noise_40x1x1", noise(rng, 40, 1, 1))
    resize_cases += [(column, 7, 1), (column, 13, 2), (column, 8, 1)]
    # Targets wider than the kernels' 256-value stretches.
    wide = add("noise_3x50x4", noise(rng, 3, 50, 4))
    resize_cases += [(wide, 5, 150), (wide, 2, 25)]
    wide = add("noise_2x300x3", noise(rng, 2, 300, 3))
    resize_cases += [(wide, 1, 200), (wide, 1, 100)]
    wide = add("noise_2x700x1", noise(rng, 2, 700, 1))
    resize_cases += [(wide, 1, 300), (wide, 3, 600), (wide, 1, 350)]
    for i in range(40):
        sh, sw, th, tw = (int(v) for v in rng.integers(1, 33, 4))
        c = int(rng.integers(1, 5))
        levels = 4 if i % 3 == 0 else 256
        name = add(f"random_{i}_{sh}x{sw}x{c}", noise(rng, sh, sw, c, levels=levels))
        resize_cases.append((name, th, tw))

    resize = []
    for name, height, width in resize_cases:
        source = images[name]
        out = cv2.resize(source, (width, height), interpolation=cv2.INTER_AREA)
        out = out.reshape(height, width, source.shape[2])
        resize.append({"label": regime(source.shape, height, width), "image": name,
                       "height": height, "width": width, "pixels": b64(out)})

    check_gymnasium_formula()
    colours = add("colours", hard_colours(rng))
    grey_sources = [atari, colours, add("noise_17x13x3", noise(rng, 17, 13, 3)),
                    add("gradient_16x16x3", gradient(16, 16, 3))]
    grey = [{"image": name, "gymnasium": b64(gymnasium_grey(images[name])), "opencv": b64(cv2_grey(images[name]))}
            for name in grey_sources]

    return {
        "generator": GENERATOR,
        "opencv": cv2.__version__,
        "gymnasium": gymnasium.__version__,
        "numpy": np.__version__,
        "images": [{"name": name, "height": int(image.shape[0]), "width": int(image.shape[1]),
                    "channels": int(image.shape[2]), "pixels": b64(image)} for name, image in images.items()],
        "resize": resize,
        "grey": grey,
    }


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/ZooTests/Fixtures")
    path = out / "image_ops.json"
    path.write_text(json.dumps(build(), separators=(",", ":")))
    print(path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
