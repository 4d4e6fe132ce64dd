// The analytics API (src/CrmBot/Supervisor/AnalyticsEndpoints.cs): GETs with the filters as query parameters; a
// signed-out supervisor is sent to sign in; refusals become errors carrying the server's reason to show as is.

export const ANALYTICS = '/api/supervisor/analytics';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function goToLogin() {
  window.location.assign('/login?ReturnUrl=' + encodeURIComponent('/supervisor' + window.location.hash));
}

export function figureUrl(figure, params, extra = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...extra })) {
    if (value != null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return `${ANALYTICS}/${figure}${text ? '?' + text : ''}`;
}

export async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname === '/login')) {
    goToLogin();
    throw new ApiError(401, 'Your session has ended. Please sign in again.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail || problem.title || `The request failed (${response.status}).`);
  }
  return response.json();
}
