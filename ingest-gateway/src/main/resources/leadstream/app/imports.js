// Imports: a CSV file of contacts sent to the API, optionally into a segment, its progress as a
// bar while it runs, what was accepted and refused (with the file of every refusal), and this
// gateway's earlier imports.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api, upload } from './api.js';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';

const html = htm.bind(h);

/** The rows of a file, header left out: the bar's end, counted here since the API learns it only at the end. */
async function rowsOf(file) {
  const lines = (await file.text()).split(/\r?\n/).filter((l) => l.trim() !== '');
  return Math.max(0, lines.length - 1);
}

function Progress({ job, expected }) {
  const running = job.state === 'running';
  return html`<section id="import-progress"><h2>${job.file || job.id}</h2>
    <progress id="import-bar" max=${running ? Math.max(expected, job.rows, 1) : 1} value=${running ? job.rows : 1}
      aria-label="Rows imported"></progress>
    <p id="import-state">${job.state}: ${job.rows} rows, ${job.accepted} accepted, ${job.rejected} refused${job.failure ? ` (${job.failure})` : ''}</p>
    ${job.errors && job.errors.length > 0 && html`<table id="import-errors"><thead><tr><th>Line</th><th>Why</th></tr></thead>
      <tbody>${job.errors.map((e) => html`<tr key=${e.line}><td>${e.line}</td><td>${e.reason}</td></tr>`)}</tbody></table>
      <a href=${job.allErrors} download>Every refusal (CSV)</a>`}
  </section>`;
}

export function ImportsPage({ session }) {
  const [segments, setSegments] = useState([]);
  const [job, setJob] = useState(null);
  const [expected, setExpected] = useState(0);
  const [earlier, setEarlier] = useState([]);
  const [error, setError] = useState('');
  const loadEarlier = () => api('GET', '/api/v1/imports').then((r) => setEarlier(r.imports), () => {});
  useEffect(() => {
    api('GET', '/api/v1/segments').then((r) => setSegments(r.segments), () => {});
    loadEarlier();
  }, []);
  useEffect(() => { // follow a running import until it ends
    if (!job || job.state !== 'running') return undefined;
    const t = setTimeout(() => api('GET', `/api/v1/imports/${job.id}`).then((j) => { setJob(j); if (j.state !== 'running') loadEarlier(); },
      (e) => setError(e.message)), 500);
    return () => clearTimeout(t);
  }, [job]);
  const start = async (event) => {
    event.preventDefault();
    setError('');
    const form = new FormData(event.target);
    const file = form.get('file');
    const segment = form.get('segment');
    try {
      setExpected(await rowsOf(file));
      const query = `name=${encodeURIComponent(file.name)}${segment ? `&segment=${encodeURIComponent(segment)}` : ''}`;
      setJob(await upload(`/api/v1/imports?${query}`, file, 'text/csv'));
    } catch (e) {
      setError(e.problems.length ? `${e.message}: ${e.problems.join('; ')}` : e.message);
    }
  };
  const [shown, pager] = usePaged(earlier, 'imports');
  return html`<h1>Imports</h1>
    ${session.mayWrite && html`<form id="import-form" class="form" onSubmit=${start}>
      <label for="import-file">CSV file (a header row; an email column)</label>
      <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
      <label for="import-segment">Into segment</label>
      <select id="import-segment" name="segment"><option value="">(none)</option>
        ${segments.map((s) => html`<option key=${s.id} value=${s.id}>${s.name}</option>`)}</select>
      <p class="error" role="alert" id="import-error">${error}</p>
      <button type="submit" id="start-import">Import</button></form>`}
    ${job && html`<${Progress} job=${job} expected=${expected} />`}
    <section><h2>Earlier imports (this gateway)</h2>
      <table id="imports"><thead><tr><th>File</th><th>State</th><th>Rows</th><th>Accepted</th><th>Refused</th><th>Started</th></tr></thead>
        <tbody>${shown.map((j) => html`<tr key=${j.id}><td>${j.file || j.id}</td><td>${j.state}</td><td>${j.rows}</td><td>${j.accepted}</td>
          <td>${j.rejected}</td><td>${j.startedAt}</td></tr>`)}</tbody></table>
      ${pager}<${CsvButton} table="imports" /></section>`;
}
