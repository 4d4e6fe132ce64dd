// The live view's API (src/CrmBot/Supervisor/LiveEndpoints.cs). POSTs carry the antiforgery token from /me; a
// signed-out supervisor is sent to sign in; refusals become errors carrying the server's reason, shown as is.

export const LIVE = '/api/supervisor/live';

let csrfToken = null;

export class LiveApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function toLogin() {
  window.location.assign('/login?ReturnUrl=' + encodeURIComponent(window.location.pathname + window.location.hash));
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-TOKEN'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(LIVE + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new LiveApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 401) {
    toLogin();
    throw new LiveApiError(401, 'Your session has ended. Please sign in again.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const detail = problem.detail || (problem.errors && Object.values(problem.errors).flat().join(' ')) || problem.title;
    throw new LiveApiError(response.status, detail || `The request failed (${response.status}).`);
  }
  return response.status === 204 ? null : response.json();
}

export async function me() {
  const profile = await call('GET', '/me');
  csrfToken = profile.antiforgeryToken;
  return profile;
}

export function list(filter) {
  const query = new URLSearchParams();
  if (filter.channel) query.set('channel', filter.channel);
  if (filter.owner) query.set('owner', filter.owner);
  if (filter.sentimentBelow != null) query.set('sentimentBelow', String(filter.sentimentBelow));
  if (filter.escalatedOnly) query.set('escalatedOnly', 'true');
  const text = query.toString();
  return call('GET', '/' + (text ? '?' + text : ''));
}

export const agents = () => call('GET', '/agents');
export const transcript = id => call('GET', `/conversations/${encodeURIComponent(id)}/transcript`);
export const assign = (id, agentId) => call('POST', `/conversations/${encodeURIComponent(id)}/assign`, { agentId });
export const takeOver = id => call('POST', `/conversations/${encodeURIComponent(id)}/take-over`, {});
export const acknowledge = id => call('POST', `/alerts/${encodeURIComponent(id)}/acknowledge`, {});
