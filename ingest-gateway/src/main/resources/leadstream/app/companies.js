// Companies: the list (name, domain, industry, contacts, score) a page at a time, a new company's
// form, and a company's page: its fields edited by type, its score (its own points and its contacts'),
// points added by hand, its contacts (added and removed by id), another company merged into it, and
// its deletion once confirmed. A write is answered once Kafka has it and the engine applies it in a
// moment: the page reads the company again after each.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { CsvButton } from './csv.js';
import { FieldInput, changeCompanyContacts } from './contact-details.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/companies/${encodeURIComponent(id)}`;
const PAGE_SIZE = 25;

/** A company's name as the app shows it: its companyname, else its id. */
export const companyName = (c) => (c && c.fields && c.fields.companyname) || (c && c.id) || '';

const FIRST = ['companyname', 'companydomain', 'companyindustry'];
const rank = (f) => (FIRST.includes(f.id) ? FIRST.indexOf(f.id) : FIRST.length);

/** The company field definitions ({"object": "company"}): name, domain and industry first, then the API's order. */
export function useCompanyFields(setError = () => {}) {
  const [fields, setFields] = useState([]);
  useEffect(() => {
    api('GET', '/api/v1/fields').then((r) => setFields(r.fields.filter((f) => f.object === 'company')
      .map((f, i) => [f, i]).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([f]) => f)), (e) => setError(e.message));
  }, []);
  return fields;
}

/** The API's refusal of fields, by alias (its pointers are /fields/{alias}). */
const byField = (problems) => Object.fromEntries(problems.map((p) => (typeof p === 'string' ? ['', p]
  : [(p.pointer || '').replace(/^\/fields\//, ''), p.reason])));

export function CompanyList({ session }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api('GET', `/api/v1/companies?page=${page}&size=${PAGE_SIZE}`).then((d) => { setData(d); setError(''); }, (e) => setError(e.message));
  }, [page]);
  return html`<h1>Companies</h1>
    <p>The organisations your contacts work for. Contacts join by the API, by a campaign, or by their email's domain;
      a company's score is its own points plus its contacts' points.</p>
    ${session.mayWrite && html`<p><a href="#/companies/new" id="new-company">New company</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${data && html`<table id="companies"><thead><tr><th>Company</th><th>Domain</th><th>Industry</th><th>Contacts</th><th>Score</th></tr></thead>
      <tbody>${data.companies.map((c) => html`<tr key=${c.id}><td><a href=${`#/companies/${c.id}`}>${companyName(c)}</a></td>
        <td>${c.fields.companydomain || ''}</td><td>${c.fields.companyindustry || ''}</td><td>${c.contacts}</td><td>${c.score}</td></tr>`)}</tbody></table>
      ${data.companies.length === 0 && html`<p id="no-companies">${page === 1
        ? 'No company yet. A new one is listed once the engine has written it, within a second or so.' : 'No more companies.'}</p>`}
      <p class="pager" id="companies-pager">${page > 1 && html`<button type="button" onClick=${() => setPage(page - 1)}>Previous</button>`}
        ${data.hasMore && html` <button type="button" id="companies-next" onClick=${() => setPage(page + 1)}>Next</button>`}
        <span> page ${page}</span></p>
      <${CsvButton} table="companies" name=${`companies-page-${page}`} />`}`;
}

/**
 * A company's fields, an input per field's type: a new company's (POST) or a stored one's changed
 * fields (PUT). An emptied input clears its field (the name excepted: the API refuses that).
 */
function CompanyFieldsForm({ company, fields, isNew, mayWrite, onCreated, onChanged }) {
  const [edits, setEdits] = useState({});
  const [problems, setProblems] = useState({});
  const [error, setError] = useState('');
  const values = (company && company.fields) || {};
  if (!mayWrite) {
    return html`<section><h2>Fields</h2>
      <table id="company-fields"><tbody>${fields.filter((f) => values[f.id] !== undefined).map((f) => html`<tr key=${f.id}>
        <th>${f.label || f.id}</th><td>${values[f.id]}</td></tr>`)}</tbody></table></section>`;
  }
  const save = async (event) => {
    event.preventDefault();
    setError('');
    setProblems({});
    try {
      if (isNew) {
        const sent = Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== ''));
        const created = await api('POST', '/api/v1/companies', { fields: sent });
        onCreated(created);
      } else {
        await api('PUT', path(company.id), { fields: edits });
        setEdits({});
        onChanged('Fields sent: the engine applies them in a moment.');
      }
    } catch (e) {
      setProblems(byField(e.problems || []));
      setError(e.message);
    }
  };
  const shown = (f) => (f.id in edits ? edits[f.id] : values[f.id] ?? '');
  return html`<section><h2>Fields</h2>
    <form id="company-fields-form" onSubmit=${save}>
      <table id="company-fields"><tbody>${fields.map((f) => html`<tr key=${f.id}>
        <th><label for=${`field-${f.id}`}>${f.label || f.id}${f.id === 'companyname' ? ' (required)' : ''}</label></th>
        <td><${FieldInput} field=${f} value=${shown(f)} invalid=${!!problems[f.id]} onInput=${(v) => setEdits({ ...edits, [f.id]: v })} />
          ${problems[f.id] && html` <span id=${`field-${f.id}-problem`} class="error">${problems[f.id]}</span>`}</td></tr>`)}</tbody></table>
      <p class="error" role="alert" id="company-fields-error">${problems[''] || error}</p>
      <button type="submit" id="save-company" disabled=${Object.keys(edits).length === 0}>${isNew ? 'Create company' : 'Save fields'}</button>
    </form></section>`;
}

function NewCompany({ session }) {
  const [error, setError] = useState('');
  const fields = useCompanyFields(setError);
  return html`<h1>New company</h1>
    <p>The company gets an id of its own. It answers at once, and is listed once the engine has written it.</p>
    <p class="error" role="alert">${error}</p>
    <${CompanyFieldsForm} company=${null} fields=${fields} isNew=${true} mayWrite=${session.mayWrite}
      onCreated=${(created) => { location.hash = `#/companies/${created.id}`; }} />`;
}

export function CompanyPage({ session, params }) {
  if (params[0] === 'new') return html`<${NewCompany} session=${session} />`;
  return html`<${StoredCompany} session=${session} id=${params[0]} />`;
}

function StoredCompany({ session, id }) {
  const [company, setCompany] = useState(null);
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const [gone, setGone] = useState(false);
  const fields = useCompanyFields(setStatus);
  const timers = useRef([]);
  const load = () => api('GET', path(id)).then((c) => { setCompany(c); setVersion((v) => v + 1); }, (e) => setStatus(e.message));
  useEffect(() => {
    load();
    return () => timers.current.forEach(clearTimeout);
  }, [id]);
  // The engine applies a write within a moment (a score within a flush interval): read again twice.
  // The fields' inputs start again only when the stored fields change, so a reload keeps what is being typed.
  const changed = (message) => {
    setStatus(message);
    timers.current.push(setTimeout(load, 1500), setTimeout(load, 5000));
  };
  if (!company) return html`<p class="error" role="alert">${status}</p>`;
  const mayWrite = session.mayWrite && !gone;
  return html`<h1 id="company-name">${companyName(company)}</h1>
    <p>Id <span id="company-id">${company.id}</span>${company.requested !== company.id ? ` (asked for ${company.requested}, merged into this one)` : ''}
      ${` · created ${company.created || '–'} · updated ${company.updated || '–'}`}</p>
    <p id="company-status" role="status">${status}</p>
    ${gone && html`<p><a href="#/companies" id="back-to-companies">Back to the companies</a></p>`}
    <${Score} company=${company} mayWrite=${mayWrite} onChanged=${changed} />
    <${CompanyContacts} company=${company} mayWrite=${mayWrite} version=${version} onChanged=${changed} />
    <${CompanyFieldsForm} key=${JSON.stringify(company.fields)} company=${company} fields=${fields} isNew=${false} mayWrite=${mayWrite} onChanged=${changed} />
    ${mayWrite && html`<${Merge} company=${company} onChanged=${changed} />`}
    ${mayWrite && html`<${Delete} company=${company} onDeleted=${(message) => { setGone(true); setStatus(message); }} />`}`;
}

function Score({ company, mayWrite, onChanged }) {
  const [delta, setDelta] = useState('');
  const [error, setError] = useState('');
  const add = async (event) => {
    event.preventDefault();
    setError('');
    try {
      await api('POST', `${path(company.id)}/points`, { delta: Number(delta) });
      setDelta('');
      onChanged(`${Number(delta) > 0 ? 'Added' : 'Took away'} ${Math.abs(Number(delta))} points: the score shows them in a moment.`);
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section><h2>Score</h2>
    <p class="score"><strong id="company-score">${company.score}</strong>
      <span> = <span id="company-own-points">${company.ownPoints}</span> own points
      + <span id="company-contact-points">${company.contactPoints}</span> points of its contacts</span></p>
    ${mayWrite && html`<form id="company-points" onSubmit=${add}>
      <label for="company-points-delta">Points (negative takes away)</label> <input id="company-points-delta" type="number" step="1" required
        value=${delta} onInput=${(e) => setDelta(e.target.value)} />
      <button type="submit" id="add-company-points">Add points</button></form>`}
    <p class="error" role="alert">${error}</p></section>`;
}

function CompanyContacts({ company, mayWrite, version, onChanged }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api('GET', `${path(company.id)}/contacts?page=${page}&size=${PAGE_SIZE}`).then(setData, (e) => setError(e.message));
  }, [company.id, page, version]);
  const change = (body, message) => changeCompanyContacts(company.id, body, setError, onChanged, message);
  const add = async (event) => {
    event.preventDefault();
    const form = event.target;
    const contact = new FormData(form).get('contact').trim();
    if (contact && await change({ add: [contact] }, `Contact ${contact} added: the engine applies it in a moment.`)) form.reset();
  };
  return html`<section><h2>Contacts (${company.contacts})</h2>
    ${data && (data.contacts.length === 0 && page === 1 ? html`<p id="company-no-contacts">No contact yet.</p>`
      : html`<table id="company-contacts"><thead><tr><th>Contact</th><th>Since</th>${mayWrite && html`<th></th>`}</tr></thead>
        <tbody>${data.contacts.map((c) => html`<tr key=${c.id}><td><a href=${`#/contacts/${c.id}`}>${c.id}</a></td><td>${c.since || '–'}</td>
          ${mayWrite && html`<td><button type="button" aria-label=${`Remove contact ${c.id} from the company`}
            onClick=${() => change({ remove: [c.id] }, `Contact ${c.id} removed: the engine applies it in a moment.`)}>Remove</button></td>`}
          </tr>`)}</tbody></table>
        <p class="pager">${page > 1 && html`<button type="button" onClick=${() => setPage(page - 1)}>Previous</button>`}
          ${data.hasMore && html` <button type="button" id="company-contacts-next" onClick=${() => setPage(page + 1)}>Next</button>`}</p>`)}
    ${mayWrite && html`<form id="company-add-contact" onSubmit=${add}>
      <label for="company-contact-to-add">Add the contact (its id)</label> <input id="company-contact-to-add" name="contact" required />
      <button type="submit">Add contact</button></form>`}
    <p class="error" role="alert">${error}</p></section>`;
}

/** Another company merged into this one: its contacts, own points and the fields this one lacks come over. */
function Merge({ company, onChanged }) {
  const [others, setOthers] = useState([]);
  const [from, setFrom] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api('GET', '/api/v1/companies?page=1&size=100').then((r) => setOthers(r.companies.filter((c) => c.id !== company.id)), () => {});
  }, [company.id]);
  const merge = async (event) => {
    event.preventDefault();
    setError('');
    try {
      await api('POST', `${path(company.id)}/merge`, { from: from.trim() });
      onChanged(`${from.trim()} merged into this company: its contacts come over in a moment.`);
      setFrom('');
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section><h2>Merge</h2>
    <form id="company-merge" onSubmit=${merge}>
      <label for="company-merge-from">The company to merge into this one (its id)</label> <input id="company-merge-from"
        list="company-merge-choices" required value=${from} onInput=${(e) => setFrom(e.target.value)} />
      <datalist id="company-merge-choices">${others.map((c) => html`<option key=${c.id} value=${c.id}>${companyName(c)}</option>`)}</datalist>
      ${' '}<button type="submit" id="merge-company">Merge</button>
      <p>Its contacts, own points and the fields this one lacks come over; the other company is gone, and its id answers with this one.</p>
    </form>
    <p class="error" role="alert">${error}</p></section>`;
}

function Delete({ company, onDeleted }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const remove = async () => {
    setError('');
    try {
      await api('DELETE', path(company.id));
      setConfirming(false);
      onDeleted('Deleted: its contacts leave it within a moment.');
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section><h2>Delete</h2>
    ${!confirming && html`<button type="button" id="delete-company" onClick=${() => setConfirming(true)}>Delete…</button>`}
    ${confirming && html`<div id="delete-company-confirm" role="group" aria-label="Confirm deletion">
      <p>Delete ${companyName(company)}? Its contacts leave it (they stay contacts), and its score is gone.</p>
      <button type="button" id="delete-company-confirmed" onClick=${remove}>Delete for good</button>
      <button type="button" onClick=${() => setConfirming(false)}>Cancel</button></div>`}
    <p class="error" role="alert">${error}</p></section>`;
}
