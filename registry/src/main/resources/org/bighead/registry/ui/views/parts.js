// Pieces shared by the model and version pages.
import { empty, h, table } from '../dom.js';
import { aliasBadge, date, statusBadge, versionLink } from '../format.js';

export function deploymentsTable(name, deployments, { showVersion }) {
  if (deployments.length === 0) return empty('Not deployed anywhere.');
  const sorted = [...deployments].sort((a, b) => String(b.updatedAt || '').localeCompare(String(a.updatedAt || '')));
  const headers = ['Target', 'Kind', 'Status', showVersion ? 'Version' : null, 'Alias', 'By', 'Updated']
    .filter((x) => x !== null);
  return table(headers, sorted.map((d) => h('tr', { class: 'deployment', dataset: { id: d.id } },
    h('td', {}, h('code', {}, d.target || '—')),
    h('td', {}, d.kind || '—'),
    h('td', {}, statusBadge(d.status)),
    showVersion ? h('td', {}, versionLink(name, d.version)) : null,
    h('td', {}, d.alias ? aliasBadge(d.alias) : h('span', { class: 'muted' }, '—')),
    h('td', {}, d.createdBy || '—'),
    h('td', {}, date(d.updatedAt)))), { cls: 'deployments' });
}

/** Every recorded deployment, newest first: what ran where, and when it was stopped. */
export function deploymentHistoryTable(name, events) {
  if (events.length === 0) return empty('No deployment has been recorded yet.');
  const newestFirst = [...events].reverse(); // the API answers oldest first
  // only the latest event at a target can still be running: an older one was replaced by another version, or
  // ended when the same version was posted there again (stopped, restarted)
  const status = (e) => {
    if (e.replacedBy != null) return 'replaced';
    return e.endedAt && e.status === 'running' ? 'ended' : e.status;
  };
  return table(['When', 'Until', 'Target', 'Version', 'Alias', 'Status', 'By'], newestFirst.map((e) => h('tr',
    { class: 'deployment-event', dataset: { target: e.target, version: e.version, status: status(e) } },
    h('td', {}, date(e.at)),
    h('td', { class: 'until' }, e.endedAt ? date(e.endedAt) : h('span', { class: 'muted' }, '—')),
    h('td', {}, h('code', {}, e.target || '—')),
    h('td', {}, versionLink(name, e.version)),
    h('td', {}, e.alias ? aliasBadge(e.alias) : h('span', { class: 'muted' }, '—')),
    h('td', {}, statusBadge(status(e)), e.replacedBy != null ? [' by ', versionLink(name, e.replacedBy)] : null),
    h('td', { class: 'who' }, e.createdBy || '—'))), { cls: 'deployment-history' });
}

/** What a card shows when its own request failed while the rest of the page loaded. */
export function failed(error) {
  return h('p', { class: 'error-inline' }, `Could not load this part: ${error.message}`);
}
