#!/usr/bin/env python3
"""PPO on CartPole-v1 side by side: Zoo against PureJaxRL's design (the whole training loop
in JAX — environment from gymnax, rollout and minibatch epochs under lax.scan — compiled
by XLA), with PureJaxRL's own configuration, in one invocation, several rounds.

Configuration (purejaxrl/ppo.py's CartPole config; recipes/ppo-cartpole-purejaxrl.yaml):
4 copies × 128 steps, 4 epochs of 4 minibatches, γ 0.99, λ 0.95, clip 0.2, entropy 0.01,
value 0.5 on the clipped value loss, gradient clip 0.5, Adam lr 2.5e-4 (ε 1e-5) annealed
linearly, separate 64-64 tanh actor and critic, orthogonal initialisation, 500k steps.

Sides, each round:
  PureJaxRL, 1 seed        the jitted training function for one seed; compile time NOT
                           counted (compiled ahead of time, then timed to block_until_ready)
  PureJaxRL, 16 seeds      jax.vmap of it over 16 seeds in one XLA program (how PureJaxRL
                           trains many agents at once): agents × steps per second
  Zoo, 1 thread            `zoo train` (process start and all outputs included)
  Zoo, 2 threads           the same with train.kernel_threads=2 (actor and critic learn side
                           by side; the same bits)
  Zoo, 16 seeds            16 `zoo train` processes with seeds 0..15, 2 at a time (one per
                           core): agents × steps per second

Needs a virtual environment with PureJaxRL's stack (jax 0.10 hangs under vmap on this CPU):
  python3 -m venv /tmp/venv-jax && /tmp/venv-jax/bin/pip install jax==0.9.2 jaxlib==0.9.2 \\
      flax==0.12.6 optax==0.2.8 distrax==0.1.9 gymnax==0.0.9
Run:
  /tmp/venv-jax/bin/python scripts/bench_cartpole_vs_purejaxrl.py --zoo .build/release/zoo [--rounds 3]

The JAX side is this script's own code written to PureJaxRL's published algorithm and
configuration (PureJaxRL is not a package); its learning is checked by printing the final
mean episode return of each run next to Zoo's.
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import statistics
import subprocess
import tempfile
import time


RECIPE = "recipes/ppo-cartpole-purejaxrl.yaml"
CONFIG = dict(lr=2.5e-4, num_envs=4, num_steps=128, total_timesteps=500_000, update_epochs=4,
              num_minibatches=4, gamma=0.99, gae_lambda=0.95, clip_eps=0.2, ent_coef=0.01, vf_coef=0.5,
              max_grad_norm=0.5)


def make_train(config):
    """A function of a PRNG key that trains one PPO agent on gymnax CartPole-v1 and returns
    the mean return of the episodes finished in the last update."""
    import distrax
    import flax.linen as nn
    import gymnax
    import jax
    import jax.numpy as jnp
    import numpy as np
    import optax
    from flax.linen.initializers import constant, orthogonal
    from gymnax.wrappers.purerl import FlattenObservationWrapper, LogWrapper

    env, env_params = gymnax.make("CartPole-v1")
    env = LogWrapper(FlattenObservationWrapper(env))
    actions = env.action_space(env_params).n
    num_updates = config["total_timesteps"] // config["num_steps"] // config["num_envs"]
    minibatch_size = config["num_envs"] * config["num_steps"] // config["num_minibatches"]

    class ActorCritic(nn.Module):
        @nn.compact
        def __call__(self, x):
            a = x
            for _ in range(2):
                a = nn.tanh(nn.Dense(64, kernel_init=orthogonal(np.sqrt(2)), bias_init=constant(0.0))(a))
            logits = nn.Dense(actions, kernel_init=orthogonal(0.01), bias_init=constant(0.0))(a)
            c = x
            for _ in range(2):
                c = nn.tanh(nn.Dense(64, kernel_init=orthogonal(np.sqrt(2)), bias_init=constant(0.0))(c))
            value = nn.Dense(1, kernel_init=orthogonal(1.0), bias_init=constant(0.0))(c)
            return distrax.Categorical(logits=logits), jnp.squeeze(value, axis=-1)

    def schedule(count):
        done = count // (config["num_minibatches"] * config["update_epochs"])
        return config["lr"] * (1.0 - done / num_updates)

    def train(rng):
        network = ActorCritic()
        rng, init_rng = jax.random.split(rng)
        params = network.init(init_rng, jnp.zeros(env.observation_space(env_params).shape))
        tx = optax.chain(optax.clip_by_global_norm(config["max_grad_norm"]),
                         optax.adam(learning_rate=schedule, eps=1e-5))
        opt_state = tx.init(params)
        rng, reset_rng = jax.random.split(rng)
        obs, env_state = jax.vmap(env.reset, in_axes=(0, None))(jax.random.split(reset_rng, config["num_envs"]),
                                                                 env_params)

        def update(carry, _):
            params, opt_state, env_state, obs, rng = carry

            def env_step(carry, _):
                params, env_state, obs, rng = carry
                rng, action_rng, step_rng = jax.random.split(rng, 3)
                pi, value = network.apply(params, obs)
                action = pi.sample(seed=action_rng)
                log_prob = pi.log_prob(action)
                obs_next, env_state, reward, done, info = jax.vmap(env.step, in_axes=(0, 0, 0, None))(
                    jax.random.split(step_rng, config["num_envs"]), env_state, action, env_params)
                transition = (done, action, value, reward, log_prob, obs, info)
                return (params, env_state, obs_next, rng), transition

            (params, env_state, obs, rng), traj = jax.lax.scan(env_step, (params, env_state, obs, rng), None,
                                                              config["num_steps"])
            done, action, value, reward, log_prob, traj_obs, info = traj
            _, last_value = network.apply(params, obs)

            def gae_step(carry, t):
                gae, next_value = carry
                d, v, r = t
                delta = r + config["gamma"] * next_value * (1 - d) - v
                gae = delta + config["gamma"] * config["gae_lambda"] * (1 - d) * gae
                return (gae, v), gae

            _, advantages = jax.lax.scan(gae_step, (jnp.zeros_like(last_value), last_value), (done, value, reward),
                                         reverse=True, unroll=16)
            targets = advantages + value

            def epoch(carry, _):
                params, opt_state, rng = carry
                rng, perm_rng = jax.random.split(rng)
                batch = (traj_obs, action, value, log_prob, advantages, targets)
                size = config["num_envs"] * config["num_steps"]
                perm = jax.random.permutation(perm_rng, size)
                batch = jax.tree_util.tree_map(lambda x: x.reshape((size,) + x.shape[2:])[perm], batch)
                batch = jax.tree_util.tree_map(
                    lambda x: x.reshape((config["num_minibatches"], minibatch_size) + x.shape[1:]), batch)

                def minibatch(carry, mb):
                    params, opt_state = carry
                    o, a, v_old, lp_old, adv, tgt = mb

                    def loss_fn(params):
                        pi, v = network.apply(params, o)
                        lp = pi.log_prob(a)
                        v_clipped = v_old + jnp.clip(v - v_old, -config["clip_eps"], config["clip_eps"])
                        value_loss = 0.5 * jnp.maximum(jnp.square(v - tgt), jnp.square(v_clipped - tgt)).mean()
                        ratio = jnp.exp(lp - lp_old)
                        gae = (adv - adv.mean()) / (adv.std() + 1e-8)
                        actor_loss = -jnp.minimum(ratio * gae, jnp.clip(ratio, 1 - config["clip_eps"],
                                                                        1 + config["clip_eps"]) * gae).mean()
                        return actor_loss + config["vf_coef"] * value_loss - config["ent_coef"] * pi.entropy().mean()

                    grads = jax.grad(loss_fn)(params)
                    updates, opt_state = tx.update(grads, opt_state)
                    return (optax.apply_updates(params, updates), opt_state), None

                (params, opt_state), _ = jax.lax.scan(minibatch, (params, opt_state), batch)
                return (params, opt_state, rng), None

            (params, opt_state, rng), _ = jax.lax.scan(epoch, (params, opt_state, rng), None, config["update_epochs"])
            finished = info["returned_episode"]
            mean_return = jnp.sum(info["returned_episode_returns"] * finished) / jnp.maximum(finished.sum(), 1)
            return (params, opt_state, env_state, obs, rng), mean_return

        _, returns = jax.lax.scan(update, (params, opt_state, env_state, obs, rng), None, num_updates)
        return returns[-1]

    return train


def purejaxrl_side(seeds):
    """Compiles the training of `seeds` agents ahead of time; returns a function that runs it
    once and gives (agents × steps per second, mean final return)."""
    import jax

    train = make_train(CONFIG)
    if seeds == 1:
        fn, arg = jax.jit(train), jax.random.PRNGKey(0)
    else:
        fn, arg = jax.jit(jax.vmap(train)), jax.random.split(jax.random.PRNGKey(0), seeds)
    compiled = fn.lower(arg).compile()

    def run():
        start = time.perf_counter()
        result = compiled(arg)
        result.block_until_ready()
        elapsed = time.perf_counter() - start
        return seeds * CONFIG["total_timesteps"] / elapsed, float(result.mean())

    return run


def zoo_run(zoo, seed, kernel_threads):
    out = tempfile.mkdtemp(prefix="zoo-bench-pjrl-")
    subprocess.run([zoo, "train", RECIPE, "--set", f"train.seed={seed}", "--set", f"output.dir={out}",
                    "--set", f"train.kernel_threads={kernel_threads}", "--set", "output.tensorboard=false",
                    "--set", "output.plot=false"], check=True, stdout=subprocess.DEVNULL)
    summary = json.loads(pathlib.Path(out, "summary.json").read_text())
    return summary["env_steps"], summary.get("final_mean_return")


def zoo_side(zoo, seeds, kernel_threads=1, parallel=1):
    def run():
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
            results = list(pool.map(lambda s: zoo_run(zoo, s, kernel_threads), range(seeds)))
        elapsed = time.perf_counter() - start
        returns = [r for _, r in results if r is not None]
        return sum(steps for steps, _ in results) / elapsed, (statistics.mean(returns) if returns else float("nan"))

    return run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zoo", default=".build/release/zoo")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=16)
    args = ap.parse_args()
    compile_start = time.perf_counter()
    sides = {"PureJaxRL, 1 seed": purejaxrl_side(1),
             f"PureJaxRL, {args.seeds} seeds": purejaxrl_side(args.seeds)}
    print(f"PureJaxRL compile (not counted): {time.perf_counter() - compile_start:.1f} s")
    sides.update({"Zoo, 1 thread": zoo_side(args.zoo, 1),
                  "Zoo, 2 threads": zoo_side(args.zoo, 1, kernel_threads=2),
                  f"Zoo, {args.seeds} seeds": zoo_side(args.zoo, args.seeds, parallel=2)})
    results = {name: [] for name in sides}
    final_returns = {name: [] for name in sides}
    for _ in range(args.rounds):
        for name, run in sides.items():
            rate, final = run()
            results[name].append(rate)
            final_returns[name].append(final)
    print(f"\nPPO CartPole-v1, PureJaxRL's configuration, {CONFIG['total_timesteps']} steps per agent, "
          f"{args.rounds} rounds ({time.strftime('%Y-%m-%d')})")
    print(f"{'side':22} {'min':>9} {'median':>9} {'max':>9}  agents × steps/s   final return")
    for name, values in results.items():
        print(f"{name:22} {min(values):9.0f} {statistics.median(values):9.0f} {max(values):9.0f}"
              f"   {statistics.mean(final_returns[name]):8.1f}")
    med = {name: statistics.median(v) for name, v in results.items()}
    zoo_one = max(med["Zoo, 1 thread"], med["Zoo, 2 threads"])
    print(f"one agent:  Zoo (best) / PureJaxRL = {zoo_one / med['PureJaxRL, 1 seed']:.2f}x")
    print(f"{args.seeds} agents: Zoo / PureJaxRL = "
          f"{med[f'Zoo, {args.seeds} seeds'] / med[f'PureJaxRL, {args.seeds} seeds']:.2f}x")


if __name__ == "__main__":
    main()
