"""Reference values for spinmon's WeightWatcher-compatible metrics (ecosystem.md section 2), computed with the
libraries WeightWatcher 0.7.5 itself calls: numpy's SVD, argmin and power, scikit-learn's KernelDensity,
scipy's optimize.brute (whose default finish is optimize.fmin) and scipy.stats.entropy.

Usage: python3 ww_reference.py IN.json OUT.json
IN: a list of {"rows", "cols", "w" (row-major), "permuted" (row-major)}; OUT: one object of columns per case.
Written from the definitions in ecosystem.md section 2, not copied from WeightWatcher.
"""
import json
import sys

import numpy as np
from scipy import optimize, stats
from sklearn.neighbors import KernelDensity


def esd(w):
    sv = np.sort(np.linalg.svd(w, compute_uv=False))
    return sv, sv * sv


def power_law(evals):
    if len(evals) < 10:
        return dict(alpha=-1.0, xmin=-1.0, D=-1.0, sigma=-1.0, num_pl_spikes=-1)
    x = np.sort(evals[evals > 1e-5]).astype(np.float64)
    n = len(x)
    logs = np.log(x)
    alphas = np.zeros(n - 1)
    ds = np.ones(n - 1)
    for i in range(n - 1):
        k = float(n - i)
        a = 1 + k / (np.sum(logs[i:]) - k * logs[i])
        alphas[i] = a
        if a > 1:
            ds[i] = np.max(np.abs(1 - (x[i:] / x[i]) ** (1 - a) - np.arange(k) / k))
    best = int(np.argmin(ds))
    alpha = alphas[best]
    return dict(alpha=float(alpha), xmin=float(x[best]), D=float(ds[best]),
                sigma=float((alpha - 1) / np.sqrt(n - best)),
                num_pl_spikes=int(np.sum(evals >= x[best])))


def norms(sv, evals, alpha, big_n):
    rank = int(np.count_nonzero(sv > np.max(sv) * big_n * np.finfo(sv.dtype).eps))
    p = evals / np.sum(evals) + 1e-10
    return dict(log_norm=float(np.log10(np.sum(evals))), log_spectral_norm=float(np.log10(np.max(evals))),
                alpha_weighted=float(alpha * np.log10(np.max(evals))),
                log_alpha_norm=float(np.log10(np.sum(evals ** alpha))),
                stable_rank=float(np.sum(evals) / np.max(evals)), matrix_rank=rank,
                entropy=float(-np.sum(p * np.log(p)) / np.log(rank + 1e-10)))


def residual(sigma, data, q):
    sigma = float(np.asarray(sigma).ravel()[0])
    kde = KernelDensity(kernel='linear', bandwidth=0.1).fit(data.reshape(-1, 1))
    grid = np.linspace(0, np.max(data) + 0.5, 1000)
    dens = np.exp(kde.score_samples(grid[:, np.newaxis]))
    keep = dens > 0.01
    grid, dens = grid[keep], dens[keep]
    with np.errstate(all='ignore'):
        if q == 1:
            law = np.nan_to_num((1 / (np.pi * sigma * sigma)) * np.sqrt(4 - grid ** 2))
            return float(np.sum((law - dens) ** 2))
        upper = (sigma * (1 + np.sqrt(1 / q))) ** 2
        lower = (sigma * (1 - np.sqrt(1 / q))) ** 2
        peak = grid[np.where(dens == np.max(dens))][0]
        if upper < peak or upper > np.max(grid) or lower > peak:
            return float(np.sum(np.full(len(dens), 1000.0) ** 2))
        law = np.nan_to_num((1 / (2 * np.pi * sigma * sigma * grid * (1 / q))) * np.sqrt((upper - grid) * (grid - lower)))
        return float(np.sum((law - dens) ** 2))


def marchenko_pastur(evals, big_n, m):
    q = big_n / m
    scale = np.sqrt(len(evals)) / np.sqrt(np.sum(evals))
    lam = scale * scale * evals
    s0 = np.sqrt(np.max(lam) / np.square(1 + 1.0 / np.sqrt(q)))
    data = np.sqrt(lam) if q == 1 else lam
    best = optimize.brute(residual, (slice(0.05 * s0, 2.0 * s0, 0.01 * s0),), args=(data, q), full_output=True)
    sigma = float(best[0][0])
    bulk_max = (sigma * (1 + 1 / np.sqrt(q))) ** 2
    bulk_min = (sigma * (1 - 1 / np.sqrt(q))) ** 2
    tw = 1 / np.sqrt(q) * np.power(bulk_max, 2 / 3) * np.power(m, -2 / 3)
    return dict(sigma_mp=sigma, mp_residual=float(best[1]), num_spikes=int(np.sum(lam > bulk_max + np.sqrt(tw))),
                mp_softrank=float(bulk_max / np.max(lam)), W_scale=float(scale),
                bulk_max=float(bulk_max / scale ** 2), bulk_min=float(bulk_min / scale ** 2))


def js_distance(p, q):
    mid = (p + q) / 2
    return float(np.sqrt((stats.entropy(p, mid) + stats.entropy(q, mid)) / 2))


def main():
    cases = json.load(open(sys.argv[1]))
    out = []
    for case in cases:
        rows, cols = case['rows'], case['cols']
        w = np.array(case['w'], dtype=np.float64).reshape(rows, cols)
        big_n, m = max(rows, cols), min(rows, cols)
        sv, evals = esd(w)
        row = dict(evals=evals.tolist(), rank_loss=int(m - np.count_nonzero(sv > np.max(sv) * big_n * np.finfo(sv.dtype).eps)))
        row.update(power_law(evals))
        row.update(norms(sv, evals, row['alpha'], big_n))
        row.update(marchenko_pastur(evals, big_n, m))
        permuted = np.array(case['permuted'], dtype=np.float64).reshape(rows, cols)
        row['rand_distance'] = js_distance(evals, esd(permuted)[1])
        out.append(row)
    json.dump(out, open(sys.argv[2], 'w'))


if __name__ == '__main__':
    main()
