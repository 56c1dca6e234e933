// #/jobs/{name}: one job — what it runs, when, with which settings — and its runs, newest first, each with its
// status, duration, outputs (a link to the version a retrain registered), message and log tail.
import { api } from '../api.js';
import { card, empty, h, table } from '../dom.js';
import { date, duration, links, number, runBadge, versionLink } from '../format.js';
import { lastRun, modelNameOf, modelRefLink, nextRun, schedule } from './jobs.js';

const RUNS = 50;

export async function jobView(name) {
  const [job, runs] = await Promise.all([api.job(name), api.jobRuns(name, RUNS)]);
  return [
    header(job),
    h('div', { class: 'two-col' },
      card('Schedule', scheduleFacts(job), { id: 'schedule' }),
      card('What it runs', specFacts(job), { id: 'spec' })),
    card('Runs', runsTable(job, runs), { id: 'runs',
      note: runs.length === RUNS ? `the ${RUNS} newest` : 'newest first' }),
  ];
}

function header(job) {
  return h('div', { class: 'page-title' },
    h('div', {},
      h('nav', { class: 'crumbs' }, h('a', { href: links.jobs() }, 'Jobs'), ' / '),
      h('h1', {}, job.name, ' ', h('span', { class: 'badge kind' }, job.kind),
        job.paused ? h('span', { class: 'badge paused' }, 'paused') : null)),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Model'), h('dd', {}, modelRefLink(job.model))),
      h('div', {}, h('dt', {}, 'Next run'), h('dd', { id: 'next-run' }, nextRun(job))),
      h('div', {}, h('dt', {}, 'Last run'), h('dd', { id: 'last-run' }, lastRun(job.lastRun)))));
}

function kv(pairs) {
  const known = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (known.length === 0) return empty('None.');
  return h('dl', { class: 'kv' }, known.map(([k, v, key]) => [h('dt', {}, k),
    h('dd', { dataset: { key: key || k.toLowerCase() } }, v)]));
}

function scheduleFacts(job) {
  return kv([
    ['Schedule', schedule(job), 'schedule'],
    ['Time zone', job.timeZone, 'time-zone'],
    ['Catch-up', job.catchUp, 'catch-up'],
    ['Retries', String(job.maxRetries), 'retries'],
    ['Timeout', `${number(job.timeoutSeconds)} s`, 'timeout'],
    ['Created', [date(job.createdAt), job.createdBy ? ` by ${job.createdBy}` : null], 'created'],
  ]);
}

function specFacts(job) {
  const code = (v) => (v === undefined || v === null ? null : h('code', { class: 'wrap' }, String(v)));
  return kv([
    ['Model', modelRefLink(job.model), 'model'],
    ['Input', code(job.input), 'input'],
    ['Output', code(job.output), 'output'],
    ['Metric', code(job.metric), 'metric'],
    ['Better', job.better ? `${job.better} (set by the job)` : null, 'better'],
    ['Promote to', job.promoteTo, 'promote-to'],
    ['Margin', job.margin === undefined ? null : number(job.margin), 'margin'],
    ['Threshold', job.threshold === undefined ? null : number(job.threshold), 'threshold'],
    ['Notebook', code(job.notebook), 'notebook'],
  ]);
}

/** What a run produced: rows, files, and the version a retrain registered (linked), as far as it says. */
function outputs(job, r) {
  const o = r.outputs || {};
  const parts = [];
  if (typeof o.rows === 'number') parts.push(h('span', { class: 'rows' }, `${number(o.rows)} rows`));
  const files = Array.isArray(o.files) ? o.files : [];
  if (files.length) {
    parts.push(h('span', { class: 'files', title: files.join('\n') }, files.length === 1 ? '1 file' : `${files.length} files`));
  }
  const model = modelNameOf(job.model);
  if (o.newVersion !== undefined && o.newVersion !== null) {
    parts.push(h('span', { class: 'new-version' }, 'new ',
      model ? versionLink(model, o.newVersion) : `v${o.newVersion}`,
      o.promoted ? h('span', { class: 'muted' }, ` → ${job.promoteTo || 'promoted'}`) : null));
  }
  // what a retrain's new version or an evaluation measured
  if (o.metrics && typeof o.metrics === 'object') {
    const shown = Object.entries(o.metrics).filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`);
    if (shown.length) parts.push(h('span', { class: 'metrics' }, shown.join(' · ')));
  }
  if (typeof o.alert === 'string') {
    parts.push(h('span', { class: 'badge status bad alert', title: o.alert }, 'alert'));
  }
  if (parts.length === 0) return h('span', { class: 'muted' }, '—');
  return parts.flatMap((p, i) => (i === 0 ? [p] : [', ', p]));
}

function message(r) {
  const text = [r.message, r.outputs && typeof r.outputs.reason === 'string' && r.outputs.reason !== r.message
    ? r.outputs.reason : null].filter(Boolean);
  // a failed or interrupted run's log says why: open; a good run's folded
  const log = r.logTail ? h('details', { class: 'log-tail', open: ['failed', 'interrupted'].includes(r.status) },
    h('summary', {}, 'log tail'),
    h('pre', { class: 'log' }, r.logTail)) : null;
  if (text.length === 0 && !log) return h('span', { class: 'muted' }, '—');
  return [text.map((t) => h('div', {}, t)), log];
}

function runsTable(job, runs) {
  if (runs.length === 0) {
    return empty(`No runs yet. The scheduler runs it at its next time; \`bighead jobs run ${job.name}\` runs it now.`);
  }
  return table(['Logical time', 'Trigger', 'Attempt', 'Status', 'Started', h('th', { class: 'num' }, 'Duration'),
    'Output', 'Message'], runs.map((r) => {
    const took = duration(r.startedAt, r.endedAt);
    return h('tr', { class: 'run', dataset: { status: r.status, logicalTime: r.logicalTime } },
      h('td', {}, date(r.logicalTime)),
      h('td', {}, r.trigger),
      h('td', { class: 'num' }, String(r.attempt)),
      h('td', { class: 'status' }, runBadge(r.status),
        r.retryAt ? h('div', { class: 'muted small' }, 'retry ', date(r.retryAt)) : null),
      h('td', {}, date(r.startedAt)),
      h('td', { class: 'num duration' }, took ?? h('span', { class: 'muted' }, r.status === 'running' ? '…' : '—')),
      h('td', { class: 'outputs' }, outputs(job, r)),
      h('td', { class: 'message' }, message(r)));
  }), { cls: 'runs' });
}
