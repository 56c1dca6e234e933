// The metrics-across-versions chart: Vega-Lite from the registry's own vendor/ folder (no CDN). When those files are
// missing (npm ci was not run before the build) the chart says so and the metrics table above it carries on alone.
import { h } from './dom.js';
import { best, direction, metricKeys } from './metrics.js';

// next to this module, wherever the server hosts the UI
const VENDOR = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js']
  .map((file) => new URL(`vendor/${file}`, import.meta.url).href);
let loading = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.append(s);
  });
}

/** Loads vega, vega-lite and vega-embed once, in order; resolves to window.vegaEmbed. */
function vegaEmbed() {
  if (!loading) {
    loading = VENDOR.reduce((p, src) => p.then(() => loadScript(src)), Promise.resolve())
      .then(() => {
        if (typeof window.vegaEmbed !== 'function') throw new Error('vega-embed did not define vegaEmbed');
        return window.vegaEmbed;
      });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/**
 * The value axis of one metric: around its values rather than from zero, so that 67.00 against 67.45 shows as a
 * difference (a zero baseline would draw two equal bars). Bars start at the axis' foot, half the values' spread
 * below the smallest; zero stays the foot when the values are all positive and that foot would go below it.
 */
export function valueDomain(values) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const spread = hi - lo;
  const pad = spread > 0 ? spread / 2 : Math.abs(lo) * 0.05 || 1;
  let foot = lo - pad;
  if (lo >= 0 && foot < 0) foot = 0;
  return [foot, hi + (spread > 0 ? spread / 4 : pad)];
}

/**
 * A small bar chart per metric (each with its own scale), one bar per version, newest first as in the tables; the
 * best bar is green and hovering a bar tells its value in full.
 */
export function metricsSpec(versions) {
  const keys = metricKeys(versions.map((v) => v.metrics));
  const rows = [];
  const titles = {};
  for (const key of keys) {
    const byVersion = Object.fromEntries(versions.map((v) => [String(v.version), (v.metrics || {})[key]]));
    const winners = best(key, byVersion);
    const dir = direction(key);
    titles[key] = dir ? `${key} (${dir} is better)` : key;
    for (const v of versions) {
      const value = (v.metrics || {})[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      rows.push({ key, version: `v${v.version}`, order: v.version, value, exact: String(value),
        best: winners.has(String(v.version)) ? 'best' : 'other' });
    }
  }
  const domains = Object.fromEntries(keys.map((key) => [key,
    valueDomain(rows.filter((r) => r.key === key).map((r) => r.value))]));
  const width = Math.max(120, Math.min(220, 40 * versions.length + 40));
  // concat rather than facet: a wrapped facet draws empty axes under the missing cells of its last row
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    columns: Math.min(4, Math.max(1, keys.length)),
    concat: keys.map((key) => ({
      title: { text: titles[key], fontSize: 12, fontWeight: 600, color: '#1f2937', anchor: 'start' },
      transform: [{ filter: { field: 'key', equal: key } }],
      width,
      height: 140,
      mark: { type: 'bar', cornerRadiusTopLeft: 3, cornerRadiusTopRight: 3, tooltip: true },
      encoding: {
        x: { field: 'version', type: 'ordinal', title: null, sort: { field: 'order', order: 'descending' },
          axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { tickCount: 4 },
          scale: { domain: domains[key], zero: false, nice: false } },
        y2: { datum: domains[key][0] }, // bars rise from the axis' foot (Vega-Lite would start them at zero)
        color: { field: 'best', type: 'nominal', legend: null,
          scale: { domain: ['best', 'other'], range: ['#2e9e6a', '#7fa6cf'] } },
        tooltip: [{ field: 'version' }, { field: 'key', title: 'metric' }, { field: 'exact', title: 'value' }],
      },
    })),
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      view: { stroke: null },
      concat: { spacing: 28 },
      axis: { labelColor: '#4b5563', gridColor: '#eef1f4', domainColor: '#cbd2da', tickColor: '#cbd2da' },
    },
  };
}

/** Renders the chart into `container` (a div the caller already placed); never throws. */
export async function renderMetricsChart(container, versions) {
  const withMetrics = versions.filter((v) => v.metrics && Object.keys(v.metrics).length > 0);
  if (withMetrics.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No metrics to chart.'));
    return;
  }
  container.replaceChildren(h('p', { class: 'muted loading' }, 'Drawing the chart…'));
  try {
    const embed = await vegaEmbed();
    const chart = h('div', { class: 'vega-chart' });
    container.replaceChildren(chart);
    // ast: Vega interprets expressions instead of compiling them with new Function, so no 'unsafe-eval' is needed
    await embed(chart, metricsSpec(withMetrics), { mode: 'vega-lite', renderer: 'svg', actions: false, ast: true,
      defaultStyle: false });
    container.dataset.rendered = 'true';
  } catch (e) {
    container.dataset.rendered = 'false';
    container.replaceChildren(h('p', { class: 'muted chart-missing' },
      `The chart is not available (${e.message}); the table above has every value. `
      + 'Run ./bighead setup to install the chart library.'));
  }
}
