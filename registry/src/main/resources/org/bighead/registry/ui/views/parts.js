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

/** What a card shows when its own request failed while the rest of the page loaded. */
export function failed(error) {
  return h('p', { class: 'error-inline' }, `Could not load this part: ${error.message}`);
}
