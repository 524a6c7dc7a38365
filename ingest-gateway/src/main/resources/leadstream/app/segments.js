// Segments: the list with member counts, and a segment's page: its filters in the builder (saved
// through the API, whose refusals show at the input they name), its members a page at a time, and
// its entries and exits per day as a chart.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';
import { api, byPointer } from './api.js';
import { FilterBuilder } from './filters.js';
import { Chart } from './chart.js';

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
  const [shown, pager] = usePaged(rows, 'segments');
  return html`<h1>Segments</h1>
    ${session.mayWrite && html`<p><a href="#/segments/new" id="new-segment">New segment</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="segments"><thead><tr><th>Segment</th><th>Id</th><th>Members</th></tr></thead>
      <tbody>${shown.map((s) => html`<tr key=${s.id}><td><a href=${`#/segments/${s.id}`}>${s.name}</a></td><td>${s.id}</td>
        <td>${s.members}</td></tr>`)}</tbody></table>
      ${pager}<${CsvButton} table="segments" />`}`;
}

export function SegmentPage({ session, params }) {
  const isNew = params[0] === 'new';
  const [definition, setDefinition] = useState(isNew ? { id: '', name: '', filters: [] } : null);
  const [fields, setFields] = useState([]);
  const [segments, setSegments] = useState([]);
  const [stages, setStages] = useState([]);
  const [companyFields, setCompanyFields] = useState([]);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const [saved, setSaved] = useState(0);
  const readOnly = !session.mayWrite;

  useEffect(() => {
    api('GET', '/api/v1/fields').then((r) => {
      setFields(r.fields.filter((f) => f.object !== 'company').map((f) => f.id));
      setCompanyFields(r.fields.filter((f) => f.object === 'company').map((f) => f.id));
    }, () => {});
    api('GET', '/api/v1/segments').then((r) => setSegments(r.segments.map((s) => s.id).filter((id) => id !== params[0])), () => {});
    api('GET', '/api/v1/stages').then((r) => setStages(r.stages.map((s) => s.id)), () => {});
    if (!isNew) api('GET', `/api/v1/segments/${encodeURIComponent(params[0])}`).then(setDefinition, (e) => setStatus(e.message));
  }, [params[0]]);

  const save = async (event) => {
    event.preventDefault();
    setProblems({});
    setStatus('');
    try {
      await api('PUT', `/api/v1/segments/${encodeURIComponent(definition.id)}`, definition);
      setSaved(Date.now());
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
      <label for="segment-public"><input type="checkbox" id="segment-public" checked=${!!definition.public} disabled=${readOnly}
        onChange=${(e) => setDefinition({ ...definition, public: e.target.checked })} /> Public: contacts may join or leave it in their email preferences</label>
      <h2>Filters</h2>
      <${FilterBuilder} filters=${definition.filters} fields=${fields} segments=${segments} stages=${stages} companyFields=${companyFields} problems=${problems}
        readOnly=${readOnly} onChange=${(filters) => setDefinition({ ...definition, filters })} />
      <${LiveCount} definition=${definition} />
      ${(problems[''] || problems['/filters']) && html`<p class="error" role="alert">${problems[''] || problems['/filters']}</p>`}
      <p id="segment-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-segment">Save</button>`}
    </form>
    ${!isNew && html`<${Backfill} id=${definition.id} saved=${saved} /><${Members} id=${definition.id} /><${History} id=${definition.id} />`}`;
}

/**
 * How many contacts the filters as they stand would hold, and some of them, before anything is
 * saved: the engine counts them over the recorded events (POST /api/v1/segments/preview), asked
 * again a moment after the last change; an answer to an older version of the filters is dropped.
 */
function LiveCount({ definition }) {
  const [state, setState] = useState({ text: '' });
  const asked = useRef(0);
  const filters = JSON.stringify(definition.filters);
  useEffect(() => {
    const seq = ++asked.current;
    const t = setTimeout(async () => {
      setState({ text: 'Counting over the recorded events…' });
      try {
        const r = await api('POST', '/api/v1/segments/preview', { ...definition, name: definition.name || 'draft' });
        if (seq === asked.current) setState({ count: r.members, sample: r.sample });
      } catch (e) {
        if (seq !== asked.current) return;
        setState({ text: e.status === 422 ? `Complete the filters to count: ${e.problems.map((p) => p.reason || p).join('; ')}`
          : e.status === 501 ? 'Counting needs the engine at hand (the local run or leadstream gateway).' : e.message });
      }
    }, 1000);
    return () => clearTimeout(t);
  }, [filters]);
  return html`<section class="live-count" aria-live="polite">
    ${state.count === undefined ? html`<p id="live-count-status">${state.text}</p>` : html`
      <p id="live-count"><strong>${state.count}</strong> ${state.count === 1 ? 'contact matches' : 'contacts match'} now, before saving</p>
      ${state.sample.length > 0 && html`<p>For example: <span id="live-sample">${state.sample.map((c, i) => html`${i > 0 ? ', ' : ''}<a href=${`#/contacts/${c}`}>${c}</a>`)}</span></p>`}`}
  </section>`;
}

/**
 * The engine re-evaluating every contact for the segment after a save (its newest backfill), as a
 * bar of its parallel parts done; followed every second until all are done. `saved` restarts it.
 */
function Backfill({ id, saved }) {
  const [b, setB] = useState(null);
  const shown = useRef(null);
  useEffect(() => {
    let stop = false;
    let t;
    let tries = 0;
    // After a save the newest report is still the last change's until the engine reports the new
    // revision; until then, and while it runs, ask again every second (for at most a minute unseen).
    const before = saved ? shown.current : null;
    if (saved) setB(null); // the last change's report is not this one's
    const poll = () => api('GET', `/api/v1/segments/${encodeURIComponent(id)}/backfill`).then((r) => {
      if (stop) return;
      const stale = before !== null && r.revision <= before;
      if (!stale) { setB(r); shown.current = r.revision; }
      if ((stale && ++tries < 60) || (!stale && !r.done)) t = setTimeout(poll, 1000);
    }, () => { if (!stop && saved && ++tries < 60) t = setTimeout(poll, 1000); });
    poll();
    return () => { stop = true; clearTimeout(t); };
  }, [id, saved]);
  if (!b) return null;
  const partsDone = b.parts.filter((p) => p.done).length;
  return html`<section><h2>Re-evaluation after the last change</h2>
    <progress id="backfill-bar" max=${b.subtasks} value=${b.done ? b.subtasks : partsDone} aria-label="Parts re-evaluated"></progress>
    <p id="backfill-state">${b.done ? `Done: ${b.contacts} contacts in ${b.millis} ms` : `Running: ${b.contacts} contacts so far, ${partsDone} of ${b.subtasks} parts done`}</p>
  </section>`;
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
  const [history, setHistory] = useState(null);
  useEffect(() => { api('GET', `/api/v1/stats/segments/${encodeURIComponent(id)}/history?days=30`).then(setHistory, () => {}); }, [id]);
  const config = history && { type: 'bar',
    data: { labels: history.days.map((d) => d.day), datasets: [
      { label: 'entered', data: history.days.map((d) => d.entered) }, { label: 'left', data: history.days.map((d) => -d.left) }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } };
  return html`<section><h2>Membership, last 30 days</h2><${Chart} id="history" label="Entries and exits per day" config=${config} /></section>`;
}
