"""Black-box search for where a game keeps its score, lives and end in RAM, from ale-py's
rewards, `lives()` and `game_over()` over random play (no ALE source involved).

For each game it records RAM, reward, lives and game-over flag every frame, then prints
  * lives: the bytes (and simple transforms: x, x+1, x-1, low / high nibble) that equal
    `lives()` on every frame;
  * score: the single bytes, and pairs and triples of bytes read as a decimal (BCD) or
    binary number, high byte first, whose change equals the reward on every frame;
  * the end: for each byte, the values it takes on game-over frames and never elsewhere.
Actions are drawn from the minimal action set (optionally weighted towards one action,
to make Freeway's chicken cross), each held 1-8 frames.

    python3 scripts/atari/find_ram_rules.py <rom> [frames] [favoured action] [weight]
"""
import itertools
import sys

import ale_py
import numpy as np


def record(rom, frames, favoured=None, weight=0.0, seed=0):
    ale = ale_py.ALEInterface()
    ale.setLoggerMode(ale_py.LoggerMode.Error)
    ale.setInt("random_seed", seed)
    ale.loadROM(str(ale_py.roms.get_rom_path(rom)))
    actions = ale.getMinimalActionSet()
    rng = np.random.default_rng(seed + 11)
    rams, rewards, lives, overs, starts = [], [], [], [], [0]
    action, hold = actions[0], 0
    for _ in range(frames):
        if hold == 0:
            if favoured is not None and rng.random() < weight:
                action = ale_py.Action(favoured)
            else:
                action = actions[int(rng.integers(len(actions)))]
            hold = int(rng.integers(1, 9))
        hold -= 1
        rewards.append(ale.act(action))
        rams.append(ale.getRAM().copy())
        lives.append(ale.lives())
        overs.append(ale.game_over())
        if ale.game_over():
            ale.reset_game()
            starts.append(len(rams))
    return np.array(rams, dtype=np.int64), np.array(rewards), np.array(lives), np.array(overs), starts


def bcd(x):
    return (x >> 4) * 10 + (x & 15)


def main():
    rom = sys.argv[1]
    frames = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    favoured = int(sys.argv[3]) if len(sys.argv) > 3 else None
    weight = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    rams, rewards, lives, overs, starts = record(rom, frames, favoured, weight)
    print(f"{rom}: {frames} frames, {int(overs.sum())} game overs, {int((rewards != 0).sum())} rewarding frames "
          f"(total {rewards.sum()}), lives seen {sorted(set(lives.tolist()))}")
    # Frames whose previous frame is in the same game (a reward compares the two).
    valid = np.ones(len(rams), bool)
    valid[[s for s in starts if s < len(rams)]] = False
    transforms = {"x": lambda x: x, "x+1": lambda x: x + 1, "x-1": lambda x: x - 1,
                  "lo": lambda x: x & 15, "hi": lambda x: x >> 4}
    for i in range(128):
        for name, f in transforms.items():
            if np.array_equal(f(rams[:, i]), lives):
                print(f"lives = {name} of ram[{i}]")
    decoders = {"bcd": bcd, "bin": lambda x: x}
    for kind, dec in decoders.items():
        values = dec(rams)
        moving = [i for i in range(128) if (np.diff(values[:, i])[valid[1:]] != 0).any()]
        for n in (1, 2, 3):
            for combo in itertools.permutations(moving, n) if n > 1 else [(i,) for i in moving]:
                base = 100 if kind == "bcd" else 256
                score = sum(values[:, i] * base ** (n - 1 - k) for k, i in enumerate(combo))
                delta = np.diff(score)[valid[1:]]
                if np.array_equal(delta, rewards[1:][valid[1:]]) and (rewards != 0).any():
                    print(f"score = {kind} {combo}")
            if n == 2 and len(moving) > 60:
                break
    for i in range(128):
        on = set(rams[overs, i].tolist())
        off = set(rams[~overs, i].tolist())
        if on and not on & off:
            print(f"game over ⇔ ram[{i}] in {sorted(on)} (elsewhere {len(off)} values)")


if __name__ == "__main__":
    main()
