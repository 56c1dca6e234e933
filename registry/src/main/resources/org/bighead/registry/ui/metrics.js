// Which way is better for a metric, and the best version per metric. Keys look like "test.rmse" (data set . metric).

const LOWER = new Set(['rmse', 'mse', 'mae', 'mape', 'logloss', 'log_loss', 'loss', 'error']);
const HIGHER = new Set(['r2', 'accuracy', 'acc', 'auc', 'roc_auc', 'f1', 'precision', 'recall']);

/** 'lower', 'higher' or null (unknown: nothing is highlighted). */
export function direction(key) {
  const metric = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  if (LOWER.has(metric)) return 'lower';
  if (HIGHER.has(metric)) return 'higher';
  return null;
}

/** Splits "test.rmse" into {dataSet: 'test', metric: 'rmse'}; a key without a dot has no data set. */
export function splitKey(key) {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? { dataSet: '', metric: key } : { dataSet: key.slice(0, dot), metric: key.slice(dot + 1) };
}

/** Metric keys over all the given metric maps: test before train before others, then by name. */
export function metricKeys(maps) {
  const keys = new Set();
  maps.forEach((m) => Object.keys(m || {}).forEach((k) => keys.add(k)));
  const rank = (k) => ({ test: 0, validation: 1, valid: 1, train: 2 }[splitKey(k).dataSet] ?? 3);
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The version keys holding the best value of `key` among `byVersion` ({version: value}); empty when unknown. */
export function best(key, byVersion) {
  const dir = direction(key);
  const entries = Object.entries(byVersion).filter(([, v]) => typeof v === 'number' && Number.isFinite(v));
  if (!dir || entries.length < 2) return new Set();
  const values = entries.map(([, v]) => v);
  const target = dir === 'lower' ? Math.min(...values) : Math.max(...values);
  return new Set(entries.filter(([, v]) => v === target).map(([k]) => k));
}
