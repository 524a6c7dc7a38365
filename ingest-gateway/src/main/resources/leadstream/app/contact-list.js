// The contacts list: filters (search text, segment, tag, a field's value, least points, active
// since) sent to GET /api/v1/contacts/list, a page at a time. The server looks at a bounded number
// of contacts per page, so a narrow filter may show a short page with more after it.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { CsvButton } from './csv.js';

const html = htm.bind(h);

export function ContactList() {
  const [filters, setFilters] = useState({});
  const [cursors, setCursors] = useState([]);
  const [page, setPage] = useState(null);
  const [segments, setSegments] = useState([]);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/segments').then((r) => setSegments(r.segments), () => {}); }, []);
  useEffect(() => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
    if (cursors.length) query.set('after', cursors[cursors.length - 1]);
    api('GET', `/api/v1/contacts/list?${query}`).then((p) => { setPage(p); setError(''); }, (e) => setError(e.message));
  }, [filters, cursors]);
  const apply = (event) => {
    event.preventDefault();
    setFilters(Object.fromEntries(new FormData(event.target)));
    setCursors([]);
  };
  return html`<section><h2>All contacts</h2>
    <form id="contact-filters" class="filter" onSubmit=${apply}>
      <span class="input"><label for="list-q">Search</label><input id="list-q" name="q" /></span>
      <span class="input"><label for="list-segment">Segment</label><select id="list-segment" name="segment"><option value="">(any)</option>
        ${segments.map((s) => html`<option key=${s.id} value=${s.id}>${s.name}</option>`)}</select></span>
      <span class="input"><label for="list-tag">Tag</label><input id="list-tag" name="tag" /></span>
      <span class="input"><label for="list-field">Field</label><input id="list-field" name="field" /></span>
      <span class="input"><label for="list-value">contains</label><input id="list-value" name="value" /></span>
      <span class="input"><label for="list-points">Points at least</label><input id="list-points" name="minPoints" type="number" /></span>
      <span class="input"><label for="list-active">Active since</label><input id="list-active" name="activeSince" type="date" /></span>
      <button type="submit" id="list-apply">Filter</button>
    </form>
    <p class="error" role="alert">${error}</p>
    ${page && html`<table id="contact-list"><thead><tr><th>Contact</th><th>Name</th><th>Points</th><th>Tags</th><th>Last seen</th></tr></thead>
      <tbody>${page.contacts.map((c) => html`<tr key=${c.id}><td><a href=${`#/contacts/${c.id}`}>${c.email || c.id}</a></td><td>${c.name}</td>
        <td>${c.points}</td><td>${c.tags.join(', ')}</td><td>${c.lastSeen || ''}</td></tr>`)}</tbody></table>
      <p class="pager">${cursors.length > 0 && html`<button type="button" onClick=${() => setCursors(cursors.slice(0, -1))}>Previous</button>`}
        ${page.next && html` <button type="button" id="list-next" onClick=${() => setCursors([...cursors, page.next])}>Next</button>`}
        <span> ${page.contacts.length} shown of ${page.scanned} looked at</span></p>
      <${CsvButton} table="contact-list" name="contacts" />`}
  </section>`;
}
