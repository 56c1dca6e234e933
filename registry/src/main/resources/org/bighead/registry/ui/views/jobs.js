// #/jobs : every scheduled job with its model, schedule, next run and how its last run ended.
import { api } from '../api.js';
import { card, empty, h, table } from '../dom.js';
import { date, links, runBadge } from '../format.js';
import { scheduleWords } from '../schedule.js';

/** 'listing-price@champion' → a link to the model; 'listing-price/3' → to that version; a file stays text. */
export function modelRefLink(ref) {
  const text = String(ref || '');
  if (!text || text.endsWith('.bighead')) return h('code', { class: 'wrap' }, text || '—');
  const version = /^(.+)\/(\d+)$/.exec(text);
  if (version) return h('a', { href: links.version(version[1], version[2]), class: 'model-ref' }, text);
  const name = text.split('@')[0];
  return h('a', { href: links.model(name), class: 'model-ref' }, text);
}

/** The model name a job's reference names (null for a file). */
export function modelNameOf(ref) {
  const text = String(ref || '');
  if (!text || text.endsWith('.bighead')) return null;
  return text.split('@')[0].replace(/\/\d+$/, '');
}

export function schedule(job) {
  const words = scheduleWords(job.schedule);
  return [h('code', {}, job.schedule), words ? h('span', { class: 'schedule-words' }, words) : null];
}

export function nextRun(job) {
  return job.paused ? h('span', { class: 'badge paused' }, 'paused') : date(job.nextRun);
}

export function lastRun(run) {
  if (!run) return h('span', { class: 'muted' }, 'never ran');
  return [runBadge(run.status), ' ', date(run.endedAt || run.startedAt || run.queuedAt)];
}

/** The jobs table, on this page and (for one model's jobs) on the model page. */
export function jobsTable(jobs, { showModel = true } = {}) {
  const headers = ['Job', 'Kind', showModel ? 'Model' : null, 'Schedule', 'Time zone', 'Next run', 'Last run']
    .filter((x) => x !== null);
  return table(headers, jobs.map((j) => h('tr', { class: 'job-row', dataset: { job: j.name } },
    h('td', {}, h('a', { href: links.job(j.name), class: 'model-name' }, j.name)),
    h('td', {}, h('span', { class: 'badge kind' }, j.kind)),
    showModel ? h('td', {}, modelRefLink(j.model)) : null,
    h('td', {}, schedule(j)),
    h('td', {}, j.timeZone),
    h('td', { class: 'next-run' }, nextRun(j)),
    h('td', { class: 'last-run' }, lastRun(j.lastRun)))), { cls: 'jobs' });
}

export async function jobsView() {
  const jobs = await api.jobs();
  const title = h('div', { class: 'page-title' },
    h('h1', {}, 'Jobs', h('span', { class: 'count' }, `${jobs.length} scheduled`)));
  if (jobs.length === 0) {
    return [title, card('Jobs', empty('No jobs yet. `bighead jobs create NAME --kind batch-score --model MODEL@ALIAS '
      + '--schedule @daily …` makes one; the registry\'s scheduler runs it and its runs show up here.'))];
  }
  const sorted = [...jobs].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return [title, card('Scheduled jobs', jobsTable(sorted))];
}
