// Segments: the list with member counts, and a segment's page: its filters in the builder (saved
// through the API, whose refusals show at the input they name), its members a page at a time, and
// its entries and exits per day as a chart.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { api, byPointer } from './api.js';
import { FilterBuilder } from './filters.js';

const html = htm.bind(h);

export function SegmentList({ session }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    Promise.all([api('GET', '/api/v1/segments'), api('GET', '/api/v1/stats/segments')]).then(([defs, stats]) => {
      const members = Object.fromEntries(stats.segments.map((s) => [s.segment, s.members]));
      setRows(defs.segments.map((s) => ({ ...s, members: members[s.id] ?? 0 })));
    }, (e) => setError(e.message));
  }, []);
  return html`<h1>Segments</h1>
    ${session.mayWrite && html`<p><a href="#/segments/new" id="new-segment">New segment</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="segments"><thead><tr><th>Segment</th><th>Id</th><th>Members</th></tr></thead>
      <tbody>${rows.map((s) => html`<tr key=${s.id}><td><a href=${`#/segments/${s.id}`}>${s.name}</a></td><td>${s.id}</td>
        <td>${s.members}</td></tr>`)}</tbody></table>`}`;
}

export function SegmentPage({ session, params }) {
  const isNew = params[0] === 'new';
  const [definition, setDefinition] = useState(isNew ? { id: '', name: '', filters: [] } : null);
  const [fields, setFields] = useState([]);
  const [segments, setSegments] = useState([]);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const readOnly = !session.mayWrite;

  useEffect(() => {
    api('GET', '/api/v1/fields').then((r) => setFields(r.fields.map((f) => f.id)), () => {});
    api('GET', '/api/v1/segments').then((r) => setSegments(r.segments.map((s) => s.id).filter((id) => id !== params[0])), () => {});
    if (!isNew) api('GET', `/api/v1/segments/${encodeURIComponent(params[0])}`).then(setDefinition, (e) => setStatus(e.message));
  }, [params[0]]);

  const save = async (event) => {
    event.preventDefault();
    setProblems({});
    setStatus('');
    try {
      await api('PUT', `/api/v1/segments/${encodeURIComponent(definition.id)}`, definition);
      setStatus('Saved.');
      if (isNew) location.hash = `#/segments/${definition.id}`;
    } catch (e) {
      const found = byPointer(e.problems);
      setProblems(found);
      setStatus(e.problems.length ? `${e.message}: see the marked inputs` : e.message);
    }
  };
  if (!definition) return html`<p class="error" role="alert">${status}</p>`;
  const change = (prop) => (e) => setDefinition({ ...definition, [prop]: e.target.value });
  return html`<h1>${isNew ? 'New segment' : definition.name}</h1>
    <form id="segment-form" class="form" onSubmit=${save}>
      <label for="segment-id">Id</label>
      <input id="segment-id" value=${definition.id} readOnly=${readOnly || !isNew} required onInput=${change('id')}
        aria-invalid=${!!problems['/id']} />
      ${problems['/id'] && html`<span class="error" role="alert">${problems['/id']}</span>`}
      <label for="segment-name">Name</label>
      <input id="segment-name" value=${definition.name} readOnly=${readOnly} required onInput=${change('name')}
        aria-invalid=${!!problems['/name']} />
      ${problems['/name'] && html`<span class="error" role="alert">${problems['/name']}</span>`}
      <h2>Filters</h2>
      <${FilterBuilder} filters=${definition.filters} fields=${fields} segments=${segments} problems=${problems} readOnly=${readOnly}
        onChange=${(filters) => setDefinition({ ...definition, filters })} />
      ${(problems[''] || problems['/filters']) && html`<p class="error" role="alert">${problems[''] || problems['/filters']}</p>`}
      <p id="segment-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-segment">Save</button>`}
    </form>
    ${!isNew && html`<${Members} id=${definition.id} /><${History} id=${definition.id} />`}`;
}

function Members({ id }) {
  const [page, setPage] = useState({ contacts: [], next: null });
  const [after, setAfter] = useState(null);
  useEffect(() => {
    api('GET', `/api/v1/segments/${encodeURIComponent(id)}/contacts?limit=50${after ? `&after=${encodeURIComponent(after)}` : ''}`)
      .then(setPage, () => {});
  }, [id, after]);
  return html`<section><h2>Members</h2>
    <ul id="members">${page.contacts.map((c) => html`<li key=${c}>${c}</li>`)}</ul>
    ${page.next && html`<button type="button" onClick=${() => setAfter(page.next)}>Next page</button>`}</section>`;
}

function History({ id }) {
  const canvas = useRef(null);
  useEffect(() => {
    let chart;
    api('GET', `/api/v1/stats/segments/${encodeURIComponent(id)}/history?days=30`).then((h) => {
      chart = new window.Chart(canvas.current, {
        type: 'bar',
        data: { labels: h.days.map((d) => d.day), datasets: [
          { label: 'entered', data: h.days.map((d) => d.entered) }, { label: 'left', data: h.days.map((d) => -d.left) }] },
        options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
      });
    }, () => {});
    return () => chart && chart.destroy();
  }, [id]);
  return html`<section><h2>Membership, last 30 days</h2><canvas ref=${canvas} id="history" aria-label="Entries and exits per day"></canvas></section>`;
}
