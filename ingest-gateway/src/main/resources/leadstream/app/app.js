// The web app: signs in through /app/session and calls only the public /api/v1, sending the
// session's CSRF token on every write. What a role may not do is not shown; the API refuses it anyway.
const $ = (id) => document.getElementById(id);
let session = null;

/** Calls the API; resolves to the parsed body, rejects with the API's error (status, message, problems). */
async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && path !== '/app/session') showSignIn('Your session has ended: sign in again.');
    const error = (json && json.error) || {};
    throw Object.assign(new Error(error.message || res.statusText), { status: res.status, problems: error.problems || [] });
  }
  return json;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k.startsWith('on') ? e.addEventListener(k.slice(2), v) : e.setAttribute(k, v)));
  children.forEach((c) => e.append(c));
  return e;
}

function showSignIn(message = '') {
  session = null;
  $('shell').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('username').focus();
}

function showShell(s) {
  session = s;
  $('sign-in').hidden = true;
  $('shell').hidden = false;
  $('who').textContent = `${s.username} (${s.role})`;
  $('nav-users').hidden = s.role !== 'admin';
  route();
}

const pages = {
  '#/': home,
  '#/users': users,
};

function route() {
  if (!session) return;
  const page = pages[location.hash] || home;
  $('page').replaceChildren();
  page($('page'));
  $('page').focus();
}

function home(main) {
  main.append(el('h1', {}, 'Welcome'),
    el('p', { id: 'role-summary' }, session.mayWrite
      ? `As ${session.role} you can build and change definitions, contacts and sends.`
      : `As ${session.role} you can read everything and change nothing.`));
}

async function users(main) {
  main.append(el('h1', {}, 'Users'));
  const status = el('p', { class: 'error', role: 'alert', id: 'users-error' });
  main.append(status);
  let list;
  try {
    list = (await api('GET', '/api/v1/users')).users;
  } catch (e) {
    status.textContent = e.message;
    return;
  }
  const rows = list.map((u) => el('tr', {}, el('td', {}, u.username), el('td', {}, u.role),
    el('td', {}, u.username === session.username ? '' : el('button', { type: 'button', 'aria-label': `Delete ${u.username}`,
      onclick: async () => {
        if (!confirm(`Delete user ${u.username}?`)) return;
        try { await api('DELETE', `/api/v1/users/${encodeURIComponent(u.username)}`); route(); } catch (e) { status.textContent = e.message; }
      } }, 'Delete'))));
  main.append(el('table', { id: 'users' }, el('thead', {}, el('tr', {}, el('th', {}, 'User'), el('th', {}, 'Role'), el('th', {}, ''))),
    el('tbody', {}, ...rows)));

  const role = el('select', { id: 'new-role', name: 'role' }, ...['marketer', 'analyst', 'admin'].map((r) => el('option', { value: r }, r)));
  const form = el('form', { id: 'add-user', class: 'form' },
    el('h2', {}, 'Add a user'),
    el('label', { for: 'new-username' }, 'User name'), el('input', { id: 'new-username', name: 'username', required: '' }),
    el('label', { for: 'new-password' }, 'Password'),
    el('input', { id: 'new-password', name: 'password', type: 'password', autocomplete: 'new-password', required: '' }),
    el('label', { for: 'new-role' }, 'Role'), role,
    el('p', { class: 'error', role: 'alert', id: 'add-user-error' }),
    el('button', { type: 'submit' }, 'Add user'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/v1/users', { username: $('new-username').value, password: $('new-password').value, role: role.value });
      route();
    } catch (e) {
      $('add-user-error').textContent = [e.message, ...e.problems].join(': ');
    }
  });
  main.append(form);
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  try {
    showShell(await api('POST', '/app/session', { username: $('username').value, password: $('password').value }));
    $('password').value = '';
  } catch (e) {
    $('sign-in-error').textContent = e.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  try { await api('DELETE', '/app/session'); } finally {
    history.replaceState(null, '', '#/'); // the next user starts at home, not on this one's page
    showSignIn('Signed out.');
  }
});

window.addEventListener('hashchange', route);

api('GET', '/app/session').then(showShell, () => showSignIn());
