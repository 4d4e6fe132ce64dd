// The agent API (src/CrmBot/Handoff/AgentEndpoints.cs): JSON in and out, the antiforgery header on every POST, a signed-out
// agent sent to sign in, and refusals turned into errors carrying the server's problem detail to show as is.
import { state } from './state.js';

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function goToLogin() {
  window.location.assign('/login?ReturnUrl=' + encodeURIComponent('/agent'));
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && state.me) headers['X-CSRF-TOKEN'] = state.me.antiforgeryToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname === '/login')) {
    goToLogin();
    throw new ApiError(401, 'Your session has ended. Please sign in again.');
  }
  const serverDate = Date.parse(response.headers.get('Date') || '');
  if (!Number.isNaN(serverDate) && method === 'GET') state.clockOffsetMs = serverDate - Date.now();
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail || problem.title || `The request failed (${response.status}).`);
  }
  if (response.status === 204) return null;
  return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : null;
}

export const escalationPath = (id, action = '') => `/api/agent/escalations/${encodeURIComponent(id)}${action ? '/' + action : ''}`;
