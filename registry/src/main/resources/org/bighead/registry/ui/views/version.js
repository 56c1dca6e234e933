// #/models/{name}/versions/{v}: everything about one version, lineage and pipeline graph included.
import { api, urls } from '../api.js';
import { card, empty, h, table } from '../dom.js';
import { aliasBadge, bytes, date, links, number, taskBadge } from '../format.js';
import { direction, metricKeys, splitKey } from '../metrics.js';
import { deploymentHistoryTable, deploymentsTable, failed } from './parts.js';

const MAX_CATEGORIES = 8; // a text column's "categories" can run to thousands of distinct strings

export async function versionView(name, versionNumber) {
  const [version, deployments, history] = await Promise.allSettled([api.version(name, versionNumber),
    api.deployments(name), api.deploymentHistory(name)]);
  if (version.status === 'rejected') throw version.reason;
  const v = version.value;
  const mine = deployments.status === 'rejected' ? failed(deployments.reason)
    : history.status === 'rejected' ? failed(history.reason)
      : deploymentsNow(name, v.version, deployments.value, history.value);
  return [
    header(name, v),
    h('div', { class: 'two-col' },
      card('Metrics', metricsByDataSet(v.metrics || {}), { id: 'metrics' }),
      card('Bundle', bundle(name, v), { id: 'bundle' })),
    card('Pipeline', graph(name, v), { id: 'graph' }),
    card('Lineage', lineage(v.lineage || {}), { id: 'lineage' }),
    h('div', { class: 'two-col' },
      card('Parameters', keyValues(v.params), { id: 'params' }),
      card('Tags', keyValues(v.tags), { id: 'tags' })),
    card('Input schema', inputSchema(v.inputSchema || []), { id: 'schema',
      note: v.target ? `predicts ${v.target}` : null }),
    card('Deployments', mine, { id: 'deployments' }),
  ];
}

/** Where this version is deployed now, and where it ran before another version replaced it. */
function deploymentsNow(name, version, deployments, events) {
  const now = deployments.filter((d) => d.version === version);
  // a target whose latest deployment is another version: this one ran there before, and was replaced
  const targets = new Set(now.map((d) => d.target));
  const before = events.filter((e) => e.version === version && !targets.has(e.target));
  if (now.length === 0 && before.length === 0) return empty('Not deployed anywhere.');
  return [
    now.length > 0 ? deploymentsTable(name, now, { showVersion: false }) : empty('Not deployed now.'),
    before.length > 0 ? [h('h3', {}, 'Earlier'), deploymentHistoryTable(name, before)] : null,
  ];
}

function header(name, v) {
  return h('div', { class: 'page-title' },
    h('div', {},
      h('nav', { class: 'crumbs' }, h('a', { href: links.models() }, 'Models'), ' / ',
        h('a', { href: links.model(name) }, name), ' / '),
      h('h1', {}, `${name} `, h('span', { class: 'version-number' }, `v${v.version}`), ' ', taskBadge(v.task, { dash: false }),
        ' ', (v.aliases || []).map((a) => aliasBadge(a))),
      v.description ? h('p', { class: 'description' }, v.description) : null),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Created'), h('dd', {}, date(v.createdAt))),
      h('div', {}, h('dt', {}, 'By'), h('dd', {}, v.createdBy || '—')),
      h('div', {}, h('dt', {}, 'Target'), h('dd', {}, v.target || '—'))));
}

/** "test.rmse", "train.rmse"… as a table: one row per metric, one column per data set. */
function metricsByDataSet(metrics) {
  const keys = metricKeys([metrics]);
  if (keys.length === 0) return empty('No metrics recorded.');
  const dataSets = [...new Set(keys.map((k) => splitKey(k).dataSet))];
  const names = [...new Set(keys.map((k) => splitKey(k).metric))];
  return table([h('th', {}, 'Metric'), ...dataSets.map((d) => h('th', { class: 'num' }, d || 'value'))],
    names.map((m) => h('tr', { dataset: { metric: m } },
      h('th', { scope: 'row', class: 'metric-name' }, m,
        direction(m) ? h('span', { class: 'dir', title: `${direction(m)} is better` },
          direction(m) === 'lower' ? ' ↓' : ' ↑') : null),
      dataSets.map((d) => {
        const key = d ? `${d}.${m}` : m;
        const value = metrics[key];
        return h('td', { class: 'num', title: typeof value === 'number' ? String(value) : null,
          dataset: { key, value: typeof value === 'number' ? String(value) : undefined } },
          number(value));
      }))), { cls: 'metrics' });
}

function bundle(name, v) {
  return h('dl', { class: 'kv' },
    h('dt', {}, 'SHA-256'), h('dd', {}, h('code', { class: 'sha full', id: 'sha256' }, v.sha256 || '—')),
    h('dt', {}, 'Size'), h('dd', {}, bytes(v.sizeBytes)),
    h('dt', {}, 'Download'), h('dd', {}, h('a', { class: 'button', href: urls.bundle(name, v.version),
      download: `${name}-v${v.version}.bighead` }, `${name}-v${v.version}.bighead`)));
}

function graph(name, v) {
  const img = h('img', { class: 'graph', id: 'pipeline-graph', src: urls.graph(name, v.version),
    alt: `Pipeline graph of ${name} v${v.version}` });
  const wrap = h('div', { class: 'graph-wrap' }, img);
  img.addEventListener('error', () => wrap.replaceChildren(empty('The pipeline graph could not be loaded.')));
  return wrap;
}

function lineage(l) {
  const facts = [
    ['Notebook', l.notebook ? h('code', {}, l.notebook) : null],
    ['User', l.user],
    ['Environment image', l.environmentImage ? h('code', { class: 'wrap' }, l.environmentImage) : null],
    ['Data fingerprint', l.dataFingerprint ? h('code', { class: 'wrap' }, l.dataFingerprint) : null],
  ];
  const libs = Object.entries(l.libraryVersions || {});
  const cells = Array.isArray(l.cells) ? l.cells : [];
  const known = facts.filter(([, value]) => value);
  if (known.length === 0 && libs.length === 0 && cells.length === 0) return empty('No lineage recorded.');
  return [
    h('dl', { class: 'kv' }, known.map(([k, value]) => [h('dt', {}, k), h('dd', {}, value)]),
      libs.length ? [h('dt', {}, 'Libraries'), h('dd', { class: 'libs' },
        libs.map(([lib, ver]) => h('span', { class: 'badge lib' }, `${lib} ${ver}`)))] : null),
    cells.length ? h('h3', {}, `Notebook cells (${cells.length})`) : null,
    h('ol', { class: 'cells' }, cells.map((c, i) => h('li', { class: 'cell' },
      h('span', { class: 'cell-prompt' }, `[${i + 1}]`),
      h('pre', {}, h('code', {}, String(c)))))),
  ];
}

function keyValues(map) {
  const entries = Object.entries(map || {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return empty('None recorded.');
  return table(['Name', 'Value'], entries.map(([k, value]) => h('tr', { dataset: { key: k } },
    h('td', {}, h('code', {}, k)), h('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)))),
  { cls: 'kv-table' });
}

/** What a column holds as a person names it: a boolean column is scored as a number but is not one to its user. */
function kindOf(f) {
  return String(f.sourceType).toUpperCase() === 'BOOLEAN' ? 'boolean' : String(f.kind || '—').toLowerCase();
}

function inputSchema(fields) {
  if (fields.length === 0) return empty('No input schema recorded.');
  return table(['Column', 'Kind', 'Nullable', 'Categories seen'], fields.map((f) => {
    const cats = f.categories || [];
    const shown = cats.slice(0, MAX_CATEGORIES);
    return h('tr', { dataset: { column: f.name } },
      h('td', {}, h('code', {}, f.name)),
      h('td', {}, h('span', { class: 'badge kind' }, kindOf(f))),
      h('td', {}, f.nullable ? 'yes' : 'no'),
      h('td', { class: 'categories' }, cats.length === 0 ? h('span', { class: 'muted' }, '—')
        : [shown.map((c) => h('span', { class: 'badge cat', title: c }, c)),
          cats.length > shown.length ? h('span', { class: 'muted small' }, ` +${cats.length - shown.length} more`) : null]));
  }), { cls: 'schema' });
}
