// The app's one way to the server: the public /api/v1 (and /app/session to sign in), with the
// session's CSRF token on every write. Errors carry the API's status, message and problems.
let csrfToken = null;
let onSignedOut = () => {};

export function useSession(token, signedOut) {
  csrfToken = token;
  onSignedOut = signedOut;
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && path !== '/app/session') onSignedOut('Your session has ended: sign in again.');
    const error = (json && json.error) || {};
    throw Object.assign(new Error(error.message || res.statusText), { status: res.status, problems: error.problems || [] });
  }
  return json;
}

/** The API's problems as pointer -> reason; one with no pointer goes under the form. */
export function byPointer(problems) {
  return Object.fromEntries(problems.map((p) => (typeof p === 'string' ? ['', p] : [p.pointer || '', p.reason])));
}

/** A file as the request body (an import's CSV), with the session's CSRF token; the answer's JSON. */
export async function upload(path, file, type) {
  const headers = { 'Content-Type': type };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json && json.error) || {};
    throw Object.assign(new Error(error.message || res.statusText), { status: res.status, problems: error.problems || [] });
  }
  return json;
}

/** A kind's definitions: GET /api/v1/{kind} answers {total, <kind>: [...]}. */
export function definitions(kind) {
  return api('GET', `/api/v1/${kind}`).then((r) => r[kind] || []);
}
