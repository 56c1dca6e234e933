// The registry UI: hash routes, each rendered by one view from the read-only REST API (API.md).
import { h } from './dom.js';
import { links } from './format.js';
import { environmentsView } from './views/environments.js';
import { jobView } from './views/job.js';
import { jobsView } from './views/jobs.js';
import { modelView } from './views/model.js';
import { modelsView } from './views/models.js';
import { versionView } from './views/version.js';

const main = document.getElementById('app');

/** '#/models/a%2Fb/versions/3?compare=1,2' → {parts: ['models', 'a/b', 'versions', '3'], query}. */
function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  let parts;
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    parts = ['?'];
  }
  return { parts, query: new URLSearchParams(search) };
}

function route({ parts, query }) {
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'models')) {
    return { title: 'Models', render: () => modelsView() };
  }
  if (parts.length === 1 && parts[0] === 'environments') {
    return { title: 'Environments', render: () => environmentsView() };
  }
  if (parts.length === 1 && parts[0] === 'jobs') return { title: 'Jobs', render: () => jobsView() };
  if (parts[0] === 'jobs' && parts.length === 2) return { title: parts[1], render: () => jobView(parts[1]) };
  if (parts[0] === 'models' && parts.length === 2) return { title: parts[1], render: () => modelView(parts[1], query) };
  if (parts[0] === 'models' && parts.length === 4 && parts[2] === 'versions' && /^\d+$/.test(parts[3])) {
    return { title: `${parts[1]} v${parts[3]}`, render: () => versionView(parts[1], parts[3]) };
  }
  return null;
}

function problem(title, message, status) {
  return h('div', { class: 'problem', role: 'alert', dataset: { status } },
    h('h1', {}, title), h('p', {}, message),
    h('p', {}, h('a', { href: links.models() }, '← All models')));
}

function describe(error, parts) {
  if (error.status === 404 && parts[0] === 'jobs') {
    return h('div', { class: 'problem', role: 'alert', dataset: { status: 404 } },
      h('h1', {}, `Job “${parts[1] ?? ''}” was not found`), h('p', {}, error.message),
      h('p', {}, h('a', { href: links.jobs() }, '← All jobs')));
  }
  if (error.status === 404) {
    const what = parts.length >= 4 ? `Version ${parts[3]} of model “${parts[1]}”` : `Model “${parts[1] ?? ''}”`;
    return problem(`${what} was not found`, error.message, 404);
  }
  return problem('Something went wrong', error.message, error.status ?? 'error');
}

let current = 0;

async function show() {
  const mine = ++current;
  const parsed = parseHash(location.hash);
  const found = route(parsed);
  const section = ['environments', 'jobs'].includes(parsed.parts[0]) ? parsed.parts[0] : 'models';
  document.querySelectorAll('.topbar nav a').forEach((a) => a.classList.toggle('active',
    a.dataset.section === section && parsed.parts.length <= 1));
  if (!found) {
    main.replaceChildren(problem('Page not found', `There is no page at ${location.hash}.`, 404));
    document.title = 'Not found · Bighead registry';
    return;
  }
  document.title = `${found.title} · Bighead registry`;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('div', { class: 'loading-page' }, h('span', { class: 'spinner' }), 'Loading…'));
  let content;
  try {
    content = await found.render();
  } catch (e) {
    content = describe(e, parsed.parts);
  }
  if (mine !== current) return; // the person navigated on meanwhile
  main.replaceChildren(...[content].flat());
  main.setAttribute('aria-busy', 'false');
  main.dataset.route = section === 'environments' ? 'environments'
    : section === 'jobs' ? (parsed.parts.length <= 1 ? 'jobs' : 'job')
      : parsed.parts.length <= 1 ? 'models' : parsed.parts.length === 2 ? 'model' : 'version';
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', show);
show();
