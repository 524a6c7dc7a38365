// Lifecycle stages: the funnel (each stage by weight with its contacts now, and contacts per stage
// over the last 30 days as a chart), and a stage's editor (name, weight, published).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { Chart } from './chart.js';
import { CsvButton } from './csv.js';
import { saveDefinition } from './definitions.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/stages/${encodeURIComponent(id)}`;

export function StageList({ session }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/stats/stages?days=30').then((r) => setReport(r.stages), (e) => setError(e.message)); }, []);
  const config = report && report.length > 0 && { type: 'line',
    data: { labels: report[0].days.map((d) => d.day), datasets: report.map((s) => ({ label: s.name || s.stage, data: s.days.map((d) => d.members) })) },
    options: { scales: { y: { beginAtZero: true } } } };
  return html`<h1>Stages</h1>
    <p>Where each contact is in its lifecycle. Campaigns and point triggers move contacts forward only; the API anywhere.</p>
    ${session.mayWrite && html`<p><a href="#/stages/new" id="new-stage">New stage</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${report && html`<table id="stages"><thead><tr><th>Stage</th><th>Id</th><th>Weight</th><th>Contacts</th><th>Entered today</th></tr></thead>
      <tbody>${report.map((s) => html`<tr key=${s.stage}><td><a href=${`#/stages/${s.stage}`}>${s.name}</a></td><td>${s.stage}</td>
        <td>${s.weight}</td><td>${s.members}</td><td>${s.days[s.days.length - 1].entered}</td></tr>`)}</tbody></table>
      <${CsvButton} table="stages" />
      ${config && html`<section><h2>Contacts per stage, last 30 days</h2>
        <${Chart} id="stages-chart" label="Contacts in each stage at the end of each day" config=${config} /></section>`}`}`;
}

export function StagePage({ session, params }) {
  const isNew = params[0] === 'new';
  const [stage, setStage] = useState(isNew ? { id: '', name: '', weight: 0 } : null);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const readOnly = !session.mayWrite;
  useEffect(() => { if (!isNew) api('GET', path(params[0])).then(setStage, (e) => setStatus(e.message)); }, [params[0]]);
  if (!stage) return html`<p class="error" role="alert">${status}</p>`;

  const set = (prop, value) => setStage({ ...stage, [prop]: value === '' ? undefined : value });
  const save = (event) => {
    event.preventDefault();
    return saveDefinition('stages', stage, isNew, setProblems, setStatus);
  };
  const problem = (pointer) => problems[pointer] && html`<span class="error" role="alert">${problems[pointer]}</span>`;
  return html`<h1>${isNew ? 'New stage' : stage.name}</h1>
    <form id="stage-form" class="form" onSubmit=${save}>
      <label for="stage-id">Id</label>
      <input id="stage-id" value=${stage.id} required readOnly=${readOnly || !isNew} onInput=${(e) => set('id', e.target.value)} />${problem('/id')}
      <label for="stage-name">Name</label>
      <input id="stage-name" value=${stage.name} required readOnly=${readOnly} onInput=${(e) => set('name', e.target.value)} />${problem('/name')}
      <label for="stage-weight">Weight (the higher, the further along)</label>
      <input id="stage-weight" type="number" value=${stage.weight} required readOnly=${readOnly}
        onInput=${(e) => set('weight', e.target.value === '' ? '' : Number(e.target.value))} />${problem('/weight')}
      <label for="stage-description">Description</label>
      <input id="stage-description" value=${stage.description || ''} readOnly=${readOnly} onInput=${(e) => set('description', e.target.value)} />
      <label for="stage-published"><input type="checkbox" id="stage-published" checked=${stage.published !== false} disabled=${readOnly}
        onChange=${(e) => setStage({ ...stage, published: e.target.checked })} /> Published (a target for actions)</label>
      ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
      <p id="stage-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-stage">Save</button>`}
    </form>`;
}
