// The registry's read endpoints (API.md). Every error becomes an ApiError carrying the server's own sentence.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const enc = encodeURIComponent;

async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, `The registry did not answer (${e.message}). Is the server still running?`);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's HTML error page, say: report the status below
  }
  if (!response.ok) {
    const said = body && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, said);
  }
  if (body === null) throw new ApiError(response.status, `The registry sent an unreadable answer for ${path}.`);
  return body;
}

/** URLs the page links to or loads directly (images, downloads). */
export const urls = {
  bundle: (name, v) => `/api/models/${enc(name)}/versions/${enc(v)}/bundle`,
  graph: (name, v) => `/api/models/${enc(name)}/versions/${enc(v)}/graph.svg`,
};

export const api = {
  models: () => getJson('/api/models').then((b) => b.models || []),
  model: (name) => getJson(`/api/models/${enc(name)}`),
  version: (name, v) => getJson(`/api/models/${enc(name)}/versions/${enc(v)}`),
  aliasHistory: (name) => getJson(`/api/models/${enc(name)}/aliases/history`).then((b) => b.moves || []),
  deployments: (name) => getJson(`/api/models/${enc(name)}/deployments`).then((b) => b.deployments || []),
  deploymentHistory: (name) => getJson(`/api/models/${enc(name)}/deployments/history`).then((b) => b.events || []),
  environments: () => getJson('/api/environments').then((b) => b.environments || []),
  jobs: () => getJson('/api/jobs').then((b) => b.jobs || []),
  job: (name) => getJson(`/api/jobs/${enc(name)}`),
  jobRuns: (name, limit) => getJson(`/api/jobs/${enc(name)}/runs?limit=${limit}`).then((b) => b.runs || []),
  compare: (name, versions) => getJson(`/api/models/${enc(name)}/compare?versions=${versions.join(',')}`),
};
