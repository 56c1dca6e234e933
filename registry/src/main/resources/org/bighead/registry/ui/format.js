// How values read on the page: local dates with the ISO instant on hover, numbers, sizes, badges, links.
import { h } from './dom.js';

const enc = encodeURIComponent;

export const links = {
  models: () => '#/',
  model: (name) => `#/models/${enc(name)}`,
  version: (name, v) => `#/models/${enc(name)}/versions/${enc(v)}`,
  jobs: () => '#/jobs',
  job: (name) => `#/jobs/${enc(name)}`,
};

/** A <time> in the browser's local time zone; the exact instant from the registry in its title. */
export function date(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return h('span', {}, String(iso));
  const text = d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', second: '2-digit' });
  return h('time', { datetime: iso, title: iso }, text);
}

/** Metric values: 4 significant digits, integers as they are; anything else as text. */
export function number(v) {
  if (typeof v !== 'number') return v === undefined || v === null ? '—' : String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return v.toExponential(3);
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function bytes(n) {
  if (typeof n !== 'number') return '—';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return i === 0 ? `${n.toLocaleString('en-US')} bytes` : `${v.toFixed(1)} ${units[i]} (${n.toLocaleString('en-US')} bytes)`;
}

export function aliasBadge(alias, version, name) {
  const text = version === undefined ? alias : `${alias} → v${version}`;
  const badge = h('span', { class: `badge alias alias-${alias === 'champion' ? 'champion' : 'other'}` }, text);
  return version !== undefined && version !== null && name ? h('a', { href: links.version(name, version), class: 'badge-link' }, badge) : badge;
}

export function versionLink(name, v) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, 'none');
  return h('a', { href: links.version(name, v), class: 'version' }, `v${v}`);
}

export function statusBadge(status) {
  const s = String(status || 'unknown').toLowerCase();
  const tone = ['running', 'ok', 'healthy', 'serving', 'active'].includes(s) ? 'good'
    : ['failed', 'error', 'stopped', 'crashed', 'lost'].includes(s) ? 'bad' : 'neutral';
  return h('span', { class: `badge status ${tone}` }, s);
}

export function shortSha(sha) {
  return sha ? h('code', { class: 'sha', title: sha }, sha.slice(0, 12)) : h('span', { class: 'muted' }, '—');
}

/** The task as a badge; in a table cell a missing task shows as a dash, in a heading as nothing. */
export function taskBadge(task, { dash = true } = {}) {
  if (task) return h('span', { class: 'badge task' }, task);
  return dash ? h('span', { class: 'muted' }, '—') : null;
}

/** A job run's status: green succeeded, red failed, amber interrupted, blue queued or running. */
export function runBadge(status) {
  const s = String(status || 'unknown').toLowerCase();
  const tone = { succeeded: 'good', failed: 'bad', interrupted: 'warn', queued: 'info', running: 'info' }[s] || 'neutral';
  return h('span', { class: `badge status run ${tone}`, dataset: { status: s } }, s);
}

/** From start to end as people say it: 12.3 s, 4 min 05 s, 2 h 03 min; null without both times. */
export function duration(startIso, endIso) {
  if (!startIso || !endIso) return null;
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  if (!Number.isFinite(ms)) return null;
  const s = Math.max(0, Math.floor(ms / 1000));
  if (ms < 60_000) return `${(Math.max(0, Math.floor(ms / 100)) / 10).toFixed(1)} s`; // tenths, cut (not rounded)
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}
