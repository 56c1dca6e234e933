// #/environments : the environments users derived (`bighead env create NAME --from BASE`), by name. The team's base
// environments are the repository's catalog, so they are not listed here.
import { api } from '../api.js';
import { card, empty, h, table } from '../dom.js';
import { date } from '../format.js';

/** 'sha256:0123456789abcdef…' → 'sha256:0123456789ab', the whole digest on hover. */
function shortDigest(digest) {
  const [algorithm, hex] = digest.includes(':') ? digest.split(/:(.*)/s) : ['', digest];
  return h('code', { class: 'sha', title: digest }, `${algorithm ? `${algorithm}:` : ''}${hex.slice(0, 12)}`);
}

export async function environmentsView() {
  const environments = await api.environments();
  const title = h('div', { class: 'page-title' },
    h('h1', {}, 'Environments', h('span', { class: 'count' }, `${environments.length} derived`)));
  if (environments.length === 0) {
    return [title, card('Derived environments', empty('No derived environments yet. `bighead env create NAME --from '
      + 'BASE` makes one; the team\'s base environments are in the repository\'s catalog.'))];
  }
  const rows = environments.map((e) => h('tr', { class: 'environment-row', dataset: { environment: e.name } },
    h('td', {}, h('span', { class: 'model-name' }, e.name),
      e.description ? h('div', { class: 'muted small' }, e.description) : null),
    h('td', {}, e.from),
    h('td', {}, e.created_by),
    h('td', {}, e.image_digest
      ? [h('div', { class: 'small wrap' }, e.image ?? ''), shortDigest(e.image_digest)]
      : h('span', { class: 'muted' }, 'not built yet')),
    h('td', {}, date(e.built_at))));
  return [title, card('Derived environments',
    table(['Name', 'From', 'Created by', 'Image', 'Built'], rows, { cls: 'environments' }))];
}
