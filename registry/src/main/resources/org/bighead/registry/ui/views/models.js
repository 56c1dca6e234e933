// #/ : every model in the registry, newest activity first.
import { api } from '../api.js';
import { card, empty, h, table } from '../dom.js';
import { aliasBadge, date, links, taskBadge, versionLink } from '../format.js';

export async function modelsView() {
  const models = await api.models();
  const title = h('div', { class: 'page-title' },
    h('h1', {}, 'Models', h('span', { class: 'count' }, `${models.length} registered`)));
  if (models.length === 0) {
    return [title, card('Models', empty('No models are registered yet. Register a bundle with a POST to '
      + '/api/models/{name}/versions (see API.md); it shows up here.'))];
  }
  const sorted = [...models].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const rows = sorted.map((m) => {
    const aliases = Object.entries(m.aliases || {}).sort(([a], [b]) => a.localeCompare(b));
    return h('tr', { class: 'model-row', dataset: { model: m.name } },
      h('td', {}, h('a', { href: links.model(m.name), class: 'model-name' }, m.name),
        m.description ? h('div', { class: 'muted small' }, m.description) : null),
      h('td', {}, taskBadge(m.task)),
      h('td', { class: 'num' }, m.latestVersion ? versionLink(m.name, m.latestVersion) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'num' }, String(m.versionCount ?? 0)),
      h('td', { class: 'badges' }, aliases.length ? aliases.map(([a, v]) => aliasBadge(a, v, m.name))
        : h('span', { class: 'muted' }, '—')),
      h('td', {}, date(m.createdAt)));
  });
  return [title, card('Registered models',
    table(['Name', 'Task', h('th', { class: 'num' }, 'Latest'), h('th', { class: 'num' }, 'Versions'), 'Aliases',
      'Created'], rows, { cls: 'models' }))];
}
