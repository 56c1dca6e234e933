// #/models/{name}: versions newest first, their metrics side by side and charted, a comparison of chosen versions,
// aliases now and their full history, deployments now and every one recorded.
import { api } from '../api.js';
import { renderMetricsChart } from '../chart.js';
import { card, empty, h, table } from '../dom.js';
import { aliasBadge, date, links, number, shortSha, taskBadge, versionLink } from '../format.js';
import { best, direction, metricKeys } from '../metrics.js';
import { jobsTable, modelNameOf } from './jobs.js';
import { deploymentHistoryTable, deploymentsTable, failed } from './parts.js';

const MAX_SIDE_BY_SIDE = 12; // columns before the metrics table stops being readable

export async function modelView(name, query) {
  const [model, history, deployments, deployHistory, jobs] = await Promise.allSettled([api.model(name),
    api.aliasHistory(name), api.deployments(name), api.deploymentHistory(name), api.jobs()]);
  if (model.status === 'rejected') throw model.reason;
  const m = model.value;
  const versions = [...(m.versions || [])].sort((a, b) => b.version - a.version);
  const shown = versions.slice(0, MAX_SIDE_BY_SIDE);

  const chart = h('div', { class: 'chart', id: 'metrics-chart' });
  const page = [
    header(m, versions),
    h('div', { class: 'two-col narrow-left' },
      card('Aliases', currentAliases(m), { id: 'aliases' }),
      card('Deployments', deployments.status === 'fulfilled'
        ? deploymentsTable(name, deployments.value, { showVersion: true }) : failed(deployments.reason),
      { id: 'deployments' })),
    card('Jobs', jobs.status === 'fulfilled' ? modelJobs(name, jobs.value) : failed(jobs.reason),
      { id: 'jobs', note: 'scheduled on this model' }),
    card('Deployment history', deployHistory.status === 'fulfilled'
      ? deploymentHistoryTable(name, deployHistory.value) : failed(deployHistory.reason),
    { id: 'deployment-history', note: 'newest first' }),
    card('Versions', versionsTable(name, versions), { id: 'versions', note: 'newest first' }),
    card('Metrics side by side', metricsTable(name, shown), { id: 'metrics',
      note: versions.length > shown.length ? `the ${shown.length} newest of ${versions.length} versions` : null }),
    card('Metrics across versions', chart, { id: 'chart', note: 'best value in green' }),
    compareCard(name, versions, query),
    card('Alias history', history.status === 'fulfilled' ? historyTable(name, history.value) : failed(history.reason),
      { id: 'alias-history', note: 'newest first' }),
  ];
  // after the page is in the document: vega-embed measures its container
  queueMicrotask(() => renderMetricsChart(chart, [...shown].reverse()));
  return page;
}

function header(m, versions) {
  return h('div', { class: 'page-title' },
    h('div', {},
      h('nav', { class: 'crumbs' }, h('a', { href: links.models() }, 'Models'), ' / '),
      h('h1', {}, m.name, ' ', taskBadge(m.task, { dash: false })),
      m.description ? h('p', { class: 'description' }, m.description) : null),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Versions'), h('dd', {}, String(versions.length))),
      h('div', {}, h('dt', {}, 'Latest'), h('dd', {}, versionLink(m.name, m.latestVersion ?? versions[0]?.version))),
      h('div', {}, h('dt', {}, 'Created'), h('dd', {}, date(m.createdAt)))));
}

function modelJobs(name, jobs) {
  const mine = jobs.filter((j) => modelNameOf(j.model) === name)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  if (mine.length === 0) return empty('No scheduled job runs on this model.');
  return jobsTable(mine, { showModel: true });
}

function currentAliases(m) {
  const aliases = Object.entries(m.aliases || {}).sort(([a], [b]) => a.localeCompare(b));
  if (aliases.length === 0) return empty('No aliases point at a version of this model.');
  return table(['Alias', 'Version'], aliases.map(([alias, v]) => h('tr', { dataset: { alias } },
    h('td', {}, aliasBadge(alias)), h('td', {}, versionLink(m.name, v)))), { cls: 'aliases' });
}

function versionsTable(name, versions) {
  if (versions.length === 0) return empty('No versions yet.');
  return table(['Version', 'Created', 'By', 'Aliases', 'SHA-256'], versions.map((v) => h('tr',
    { dataset: { version: v.version } },
    h('td', {}, versionLink(name, v.version)),
    h('td', {}, date(v.createdAt)),
    h('td', {}, v.createdBy || '—'),
    h('td', { class: 'badges' }, (v.aliases || []).map((a) => aliasBadge(a))),
    h('td', {}, shortSha(v.sha256)))), { cls: 'versions' });
}

/** One row per metric, one column per version; the best value of each row is highlighted. */
export function metricsTable(name, versions, metricsOf = (v) => v.metrics) {
  const keys = metricKeys(versions.map(metricsOf));
  if (keys.length === 0) return empty('No metrics recorded for these versions.');
  const headers = [h('th', {}, 'Metric'), ...versions.map((v) => h('th', { class: 'num', dataset: { version: v.version } },
    versionLink(name, v.version)))];
  const rows = keys.map((key) => {
    const byVersion = Object.fromEntries(versions.map((v) => [String(v.version), (metricsOf(v) || {})[key]]));
    const winners = best(key, byVersion);
    const dir = direction(key);
    return h('tr', { dataset: { metric: key } },
      h('th', { scope: 'row', class: 'metric-name' }, key,
        dir ? h('span', { class: 'dir', title: `${dir} is better` }, dir === 'lower' ? ' ↓' : ' ↑') : null),
      versions.map((v) => {
        const value = byVersion[String(v.version)];
        const isBest = winners.has(String(v.version));
        // the cell rounds to 4 digits; hovering it tells the value in full
        const exact = typeof value === 'number' ? String(value) : null;
        return h('td', { class: isBest ? 'num best' : 'num',
          title: exact === null ? null : `${exact}${isBest ? ' (best)' : ''}`,
          dataset: { version: v.version, value: typeof value === 'number' ? String(value) : undefined } },
        number(value));
      }));
  });
  return table(headers, rows, { cls: 'metrics' });
}

function historyTable(name, moves) {
  if (moves.length === 0) return empty('No alias has been set yet.');
  const newestFirst = [...moves].reverse();
  return table(['When', 'Alias', 'From → to', 'By', 'Reason'], newestFirst.map((mv) => h('tr',
    { class: 'move', dataset: { alias: mv.alias } },
    h('td', {}, date(mv.at)),
    h('td', {}, aliasBadge(mv.alias)),
    h('td', { class: 'transition' }, versionLink(name, mv.fromVersion), h('span', { class: 'arrow' }, ' → '),
      mv.toVersion === null || mv.toVersion === undefined ? h('span', { class: 'muted' }, 'removed')
        : versionLink(name, mv.toVersion)),
    h('td', { class: 'who' }, mv.movedBy || '—'),
    h('td', { class: 'reason' }, mv.reason || h('span', { class: 'muted' }, '—')))), { cls: 'history' });
}

/** Checkboxes per version; the chosen ones are compared through GET …/compare (metrics and parameters). */
function compareCard(name, versions, query) {
  const result = h('div', { class: 'compare-result' });
  if (versions.length < 2) {
    return card('Compare versions', empty('Register a second version to compare.'), { id: 'compare' });
  }
  const known = new Set(versions.map((v) => v.version));
  let chosen = (query.get('compare') || '').split(',').map(Number).filter((v) => known.has(v));
  if (chosen.length < 2) chosen = versions.slice(0, 2).map((v) => v.version);
  const picks = versions.map((v) => h('label', { class: 'pick' },
    h('input', { type: 'checkbox', value: v.version, checked: chosen.includes(v.version), onchange: update }),
    ` v${v.version}`));

  let asked = 0;
  async function update(event) {
    const selected = picks.map((p) => p.firstChild).filter((c) => c.checked).map((c) => Number(c.value))
      .sort((a, b) => b - a);
    const hash = `${links.model(name)}?compare=${selected.join(',')}`;
    // a person's choice goes into the address (a link to share) without re-rendering the page
    if (event && location.hash !== hash) history.replaceState(null, '', hash);
    if (selected.length < 2) {
      result.replaceChildren(empty('Choose at least two versions.'));
      return;
    }
    const mine = ++asked;
    result.replaceChildren(h('p', { class: 'muted loading' }, 'Comparing…'));
    try {
      const c = await api.compare(name, selected);
      if (mine === asked) result.replaceChildren(...compareTables(name, c));
    } catch (e) {
      if (mine === asked) result.replaceChildren(failed(e));
    }
  }
  queueMicrotask(() => update(null));
  return card('Compare versions', [h('div', { class: 'picks' }, picks), result], { id: 'compare' });
}

function compareTables(name, c) {
  const versions = (c.versions || []).map((v) => ({ version: v }));
  const metricsOf = (v) => Object.fromEntries(Object.entries(c.metrics || {}).map(([k, byV]) => [k, byV[String(v.version)]]));
  const params = Object.keys(c.params || {}).sort();
  const paramRows = params.map((p) => {
    const values = versions.map((v) => c.params[p][String(v.version)]);
    const differs = new Set(values.map((x) => JSON.stringify(x ?? null))).size > 1;
    return h('tr', { class: differs ? 'differs' : null, dataset: { param: p } },
      h('th', { scope: 'row' }, p),
      values.map((x) => h('td', {}, x === undefined || x === null ? h('span', { class: 'muted' }, '—') : String(x))));
  });
  return [
    h('h3', {}, 'Metrics'),
    metricsTable(name, versions, metricsOf),
    h('h3', {}, 'Parameters', params.length ? h('span', { class: 'muted small' }, ' — rows that differ are marked') : null),
    params.length ? table([h('th', {}, 'Parameter'), ...versions.map((v) => h('th', {}, versionLink(name, v.version)))],
      paramRows, { cls: 'params-compare' }) : empty('No parameters recorded for these versions.'),
  ];
}
