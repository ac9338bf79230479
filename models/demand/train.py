#!/usr/bin/env python3
"""Trains the global demand model and exports it as demand-global.onnx (+ its weights as JSON).

    npx tsx models/demand/export-training-data.ts     # writes build/training-examples.csv
    python3 models/demand/train.py                    # needs numpy and onnx (Debian: python3-onnx)

The model is a random-feature network (an "extreme learning machine"): a fixed, seeded random hidden
layer with ReLU, and an output layer fitted in closed form by ridge regression on the hidden units and
the standardised inputs. No gradient descent, so the fit is exact and repeatable: the same CSV and the
same numpy give the same weights. Hyper-parameters (hidden width, ridge strength) are chosen on products
held out of the fit (every fifth product), then the model is refitted on all training products.

Target: units sold on the target day divided by the product's scale (recent mean daily demand), cut at
40; the graph multiplies back by the scale, so the ONNX output is a mean demand in units.
"""
import argparse
import hashlib
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240101
MAX_SCALED_TARGET = 40.0
HIDDEN_GRID = (32, 64, 128)
RIDGE_GRID = (1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0)
OPSET = 13


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def load(path):
    with open(path) as f:
        header = f.readline().strip().split(',')
    numeric = np.loadtxt(path, delimiter=',', skiprows=1, dtype=np.float64)
    col = {name: i for i, name in enumerate(header)}
    names = header[col['scale'] + 1:]
    target = numeric[:, col['target']]
    scale = numeric[:, col['scale']]
    x = numeric[:, col['scale'] + 1:]
    product_number = numeric[:, col['product_index']].astype(np.int64)
    return names, x, target, scale, product_number


def hidden_weights(n_features, hidden, seed):
    rng = np.random.Generator(np.random.PCG64(seed))
    w1 = rng.normal(0.0, 1.0 / np.sqrt(n_features), size=(n_features, hidden))
    b1 = rng.normal(0.0, 0.5, size=hidden)
    return w1, b1


def design(z, w1, b1):
    h = np.maximum(z @ w1 + b1, 0.0)
    return np.hstack([h, z])


def ridge(d, t, lam):
    """Least squares with an unpenalised intercept: centre, solve, recover the intercept."""
    d_mean = d.mean(axis=0)
    t_mean = t.mean()
    dc = d - d_mean
    gram = dc.T @ dc
    gram[np.diag_indices_from(gram)] += lam
    w = np.linalg.solve(gram, dc.T @ (t - t_mean))
    b = t_mean - d_mean @ w
    return w, b


def predict_scaled(z, w1, b1, w2, b2):
    return np.maximum(design(z, w1, b1) @ w2 + b2, 0.0)


def fit(z, t, hidden, lam):
    w1, b1 = hidden_weights(z.shape[1], hidden, SEED + hidden)
    w2, b2 = ridge(design(z, w1, b1), t, lam)
    return w1, b1, w2, b2


def to_onnx(names, mean, inv_std, w1, b1, w2, b2, meta):
    f32 = lambda a: np.asarray(a, dtype=np.float32)
    n_features = len(names)
    inits = [
        numpy_helper.from_array(f32(mean).reshape(1, -1), 'feature_mean'),
        numpy_helper.from_array(f32(inv_std).reshape(1, -1), 'feature_inv_std'),
        numpy_helper.from_array(f32(w1), 'w1'),
        numpy_helper.from_array(f32(b1), 'b1'),
        numpy_helper.from_array(f32(w2).reshape(-1, 1), 'w2'),
        numpy_helper.from_array(f32([b2]), 'b2'),
    ]
    nodes = [
        helper.make_node('Sub', ['features', 'feature_mean'], ['centred']),
        helper.make_node('Mul', ['centred', 'feature_inv_std'], ['z']),
        helper.make_node('MatMul', ['z', 'w1'], ['hidden_linear']),
        helper.make_node('Add', ['hidden_linear', 'b1'], ['hidden_biased']),
        helper.make_node('Relu', ['hidden_biased'], ['hidden']),
        helper.make_node('Concat', ['hidden', 'z'], ['hidden_and_inputs'], axis=1),
        helper.make_node('MatMul', ['hidden_and_inputs', 'w2'], ['output_linear']),
        helper.make_node('Add', ['output_linear', 'b2'], ['output_biased']),
        helper.make_node('Relu', ['output_biased'], ['scaled_demand']),
        helper.make_node('Mul', ['scaled_demand', 'scale'], ['demand']),
    ]
    graph = helper.make_graph(
        nodes,
        'demand_global',
        [
            helper.make_tensor_value_info('features', TensorProto.FLOAT, ['rows', n_features]),
            helper.make_tensor_value_info('scale', TensorProto.FLOAT, ['rows', 1]),
        ],
        [helper.make_tensor_value_info('demand', TensorProto.FLOAT, ['rows', 1])],
        inits,
    )
    model = helper.make_model(
        graph,
        producer_name='mortar-demand-train',
        producer_version='1',
        opset_imports=[helper.make_opsetid('', OPSET)],
        doc_string='Mean daily demand of a product on a target day, from lag, rolling-mean, weekday and '
        'intermittency features scaled by the product\'s recent mean demand. See MODEL_CARD.md.',
    )
    model.ir_version = 8
    helper.set_model_props(model, {k: str(v) for k, v in meta.items()})
    onnx.checker.check_model(model)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', default=os.path.join(HERE, 'build', 'training-examples.csv'))
    parser.add_argument('--out-dir', default=HERE)
    args = parser.parse_args()

    data_sha = sha256_of(args.data)
    names, x, target, scale, product_number = load(args.data)
    t = np.minimum(target / scale, MAX_SCALED_TARGET)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    inv_std = np.where(std > 1e-6, 1.0 / np.maximum(std, 1e-6), 1.0)
    z = (x - mean) * inv_std

    validation = product_number % 5 == 0
    fit_rows = ~validation
    grid = []
    for hidden in HIDDEN_GRID:
        w1, b1 = hidden_weights(z.shape[1], hidden, SEED + hidden)
        d_fit = design(z[fit_rows], w1, b1)
        d_val = design(z[validation], w1, b1)
        for lam in RIDGE_GRID:
            w2, b2 = ridge(d_fit, t[fit_rows], lam)
            p = np.maximum(d_val @ w2 + b2, 0.0)
            mse = float(np.mean((p - t[validation]) ** 2))
            units = p * scale[validation]
            wape = float(np.sum(np.abs(units - target[validation])) / np.sum(target[validation]))
            grid.append({'hidden': hidden, 'ridge': lam, 'validation_scaled_mse': mse, 'validation_wape': wape})
            print(f'hidden={hidden:4d} ridge={lam:9.1f}  scaled MSE {mse:.5f}  WAPE {wape:.4f}')
    best = min(grid, key=lambda g: (g['validation_scaled_mse'], g['hidden'], -g['ridge']))
    print('chosen', best)

    w1, b1, w2, b2 = fit(z, t, best['hidden'], best['ridge'])
    p = predict_scaled(z, w1, b1, w2, b2)
    train_mse = float(np.mean((p - t) ** 2))
    meta = {
        'feature_names': ','.join(names),
        'hidden': best['hidden'],
        'ridge': best['ridge'],
        'seed': SEED,
        'training_csv_sha256': data_sha,
        'training_rows': len(t),
    }
    model = to_onnx(names, mean, inv_std, w1, b1, w2, b2, meta)
    onnx_path = os.path.join(args.out_dir, 'demand-global.onnx')
    with open(onnx_path, 'wb') as f:
        f.write(model.SerializeToString())

    # The same float32 weights as JSON: the TypeScript test recomputes the network from them.
    f32 = lambda a: [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]
    weights = {
        'featureNames': names,
        'hidden': best['hidden'],
        'featureMean': f32(mean),
        'featureInvStd': f32(inv_std),
        'w1': f32(w1),
        'b1': f32(b1),
        'w2': f32(w2),
        'b2': float(np.float32(b2)),
    }
    with open(os.path.join(args.out_dir, 'demand-global.weights.json'), 'w') as f:
        json.dump(weights, f, separators=(',', ':'))
        f.write('\n')
    report = {
        'training_csv_sha256': data_sha,
        'training_rows': int(len(t)),
        'validation_rows': int(validation.sum()),
        'grid': grid,
        'chosen': best,
        'refit_training_scaled_mse': train_mse,
        'onnx_sha256': sha256_of(onnx_path),
        'numpy': np.__version__,
        'onnx': onnx.__version__,
    }
    with open(os.path.join(args.out_dir, 'training-report.json'), 'w') as f:
        json.dump(report, f, indent=2)
        f.write('\n')
    print(json.dumps({k: report[k] for k in ('chosen', 'onnx_sha256', 'training_rows')}))


if __name__ == '__main__':
    main()
