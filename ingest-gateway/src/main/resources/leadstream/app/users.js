// Users (admins only): the list, deleting one, and adding one with the API's validation at the form.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { usePaged } from './paging.js';

const html = htm.bind(h);
const ROLES = ['marketer', 'analyst', 'admin'];

export function Users({ session }) {
  const [users, setUsers] = useState(null);
  const [error, setError] = useState('');
  const [addError, setAddError] = useState('');
  const load = () => api('GET', '/api/v1/users').then((r) => setUsers(r.users), (e) => setError(e.message));
  useEffect(() => { load(); }, []);
  const [shown, pager] = usePaged(users, 'users');

  const remove = async (name) => {
    if (!confirm(`Delete user ${name}?`)) return;
    try { await api('DELETE', `/api/v1/users/${encodeURIComponent(name)}`); load(); } catch (e) { setError(e.message); }
  };
  const add = async (event) => {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    try {
      await api('POST', '/api/v1/users', { username: data.get('username'), password: data.get('password'), role: data.get('role') });
      form.reset();
      setAddError('');
      load();
    } catch (e) {
      setAddError([e.message, ...e.problems].join(': '));
    }
  };

  return html`<h1>Users</h1>
    <p id="users-error" class="error" role="alert">${error}</p>
    ${users && html`<table id="users">
      <thead><tr><th>User</th><th>Role</th><th></th></tr></thead>
      <tbody>${shown.map((u) => html`<tr key=${u.username}>
        <td>${u.username}</td><td>${u.role}</td>
        <td>${u.username !== session.username && html`<button type="button" aria-label=${`Delete ${u.username}`}
          onClick=${() => remove(u.username)}>Delete</button>`}</td>
      </tr>`)}</tbody>
    </table>
    ${pager}
    <form id="add-user" class="form" onSubmit=${add}>
      <h2>Add a user</h2>
      <label for="new-username">User name</label>
      <input id="new-username" name="username" required />
      <label for="new-password">Password</label>
      <input id="new-password" name="password" type="password" autocomplete="new-password" required />
      <label for="new-role">Role</label>
      <select id="new-role" name="role">${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select>
      <p id="add-user-error" class="error" role="alert">${addError}</p>
      <button type="submit">Add user</button>
    </form>`}`;
}
