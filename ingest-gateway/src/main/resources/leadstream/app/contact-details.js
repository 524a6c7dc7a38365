// A contact page's parts that change it: fields edited by type (the API's refusals shown at their
// input), do-not-contact per channel, segments added and removed by hand, its companies (the primary
// one marked), and the campaigns it is on with the latest step of each. Changes reach the engine as
// events, so `onChanged` reloads later.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/contacts/${encodeURIComponent(id)}`;

/** The input for a field's type; a value in the field's stored form in, what the API takes out. */
export function FieldInput({ field, value, invalid, onInput }) {
  const common = { id: `field-${field.id}`, name: field.id, 'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? `field-${field.id}-problem` : undefined };
  const options = (field.options || []).map((o) => html`<option value=${o.value}>${o.label || o.value}</option>`);
  switch (field.type) {
    case 'boolean':
      return html`<select ...${common} value=${value} onChange=${(e) => onInput(e.target.value)}>
        <option value=""></option><option value="1">Yes</option><option value="0">No</option></select>`;
    case 'select':
      return html`<select ...${common} value=${value} onChange=${(e) => onInput(e.target.value)}><option value=""></option>${options}</select>`;
    case 'multiselect': {
      const chosen = value ? value.split('|') : [];
      return html`<select ...${common} multiple onChange=${(e) => onInput([...e.target.selectedOptions].map((o) => o.value).join('|'))}>
        ${(field.options || []).map((o) => html`<option value=${o.value} selected=${chosen.includes(o.value)}>${o.label || o.value}</option>`)}</select>`;
    }
    case 'textarea':
      return html`<textarea ...${common} value=${value} onInput=${(e) => onInput(e.target.value)} />`;
    case 'datetime': // stored as a UTC instant; the input shows and takes UTC
      return html`<input ...${common} type="datetime-local" value=${value ? value.replace(/(:\d\d)?(\.\d+)?Z$/, '$1').slice(0, 16) : ''}
        onInput=${(e) => onInput(e.target.value ? `${e.target.value}:00Z` : '')} />`;
    default: {
      const type = { email: 'email', number: 'number', date: 'date', url: 'url', tel: 'tel' }[field.type] || 'text';
      return html`<input ...${common} type=${type} step=${type === 'number' ? 'any' : undefined} value=${value}
        onInput=${(e) => onInput(e.target.value)} />`;
    }
  }
}

export function FieldsEditor({ contact, mayWrite, onChanged }) {
  const [fields, setFields] = useState([]);
  const [edits, setEdits] = useState({});
  const [problems, setProblems] = useState({});
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/fields').then((r) => setFields(r.fields.filter((f) => f.object !== 'company')), (e) => setError(e.message)); }, []);
  if (!mayWrite) {
    return html`<section><h2>Fields</h2>
      <table id="contact-fields"><tbody>${Object.entries(contact.fields).map(([k, v]) => html`<tr key=${k}><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>
    </section>`;
  }
  const save = async (event) => {
    event.preventDefault();
    setError('');
    setProblems({});
    try {
      await api('PATCH', path(contact.id), { fields: edits });
      setEdits({});
      onChanged('Fields sent: the engine applies them in a moment.');
    } catch (e) {
      setProblems(Object.fromEntries(e.problems.map((p) => [p.pointer.replace('/fields/', ''), p.reason])));
      setError(e.message);
    }
  };
  const shown = (f) => (f.id in edits ? edits[f.id] : contact.fields[f.id] ?? '');
  return html`<section><h2>Fields</h2>
    <form id="contact-fields-form" onSubmit=${save}>
      <table id="contact-fields"><tbody>${fields.map((f) => html`<tr key=${f.id}>
        <th><label for=${`field-${f.id}`}>${f.label || f.id}</label></th>
        <td><${FieldInput} field=${f} value=${shown(f)} invalid=${!!problems[f.id]}
          onInput=${(v) => setEdits({ ...edits, [f.id]: v })} />
          ${problems[f.id] && html` <span id=${`field-${f.id}-problem`} class="error">${problems[f.id]}</span>`}</td></tr>`)}</tbody></table>
      <p class="error" role="alert">${error}</p>
      <button type="submit" id="save-fields" disabled=${Object.keys(edits).length === 0}>Save fields</button>
    </form></section>`;
}

export function DoNotContact({ contact, mayWrite, version, onChanged }) {
  const [channels, setChannels] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', `${path(contact.id)}/dnc`).then((r) => setChannels(r.channels), (e) => setError(e.message)); }, [contact.id, version]);
  const change = async (channel, dnc) => {
    setError('');
    try {
      await api(dnc ? 'PUT' : 'DELETE', `${path(contact.id)}/dnc/${channel}`);
      onChanged(dnc ? `Do not contact by ${channel}: sent.` : `Contact by ${channel} allowed again: sent.`);
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section><h2>Do not contact</h2>
    <ul id="contact-dnc">${channels && Object.entries(channels).map(([channel, c]) => html`<li key=${channel}>${channel}: ${c.dnc
      ? `do not contact${c.reason ? ` (${c.reason})` : ''}` : 'allowed'}
      ${mayWrite && html` <button type="button" id=${`dnc-${channel}`} onClick=${() => change(channel, !c.dnc)}>
        ${c.dnc ? 'Allow again' : 'Do not contact'}</button>`}</li>`)}</ul>
    <p class="error" role="alert">${error}</p></section>`;
}

export function ContactSegments({ contact, mayWrite, version, onChanged }) {
  const [member, setMember] = useState(null);
  const [all, setAll] = useState([]);
  const [error, setError] = useState('');
  useEffect(() => {
    api('GET', `${path(contact.id)}/segments`).then((r) => setMember(r.segments), (e) => setError(e.message));
    api('GET', '/api/v1/segments').then((r) => setAll(r.segments), () => {});
  }, [contact.id, version]);
  const change = async (segment, action) => {
    setError('');
    try {
      await api('POST', `/api/v1/segments/${encodeURIComponent(segment)}/contacts/${encodeURIComponent(contact.id)}/${action}`);
      onChanged(`${action === 'add' ? 'Added to' : 'Removed from'} ${segment}: the engine applies it in a moment.`);
    } catch (e) {
      setError(e.message);
    }
  };
  const name = (id) => (all.find((s) => s.id === id) || { name: id }).name;
  const others = all.filter((s) => member && !member.includes(s.id));
  const add = (event) => {
    event.preventDefault();
    const segment = new FormData(event.target).get('segment');
    if (segment) change(segment, 'add');
  };
  return html`<section><h2>Segments</h2>
    <ul id="contact-segments">${(member || []).map((id) => html`<li key=${id}><a href=${`#/segments/${id}`}>${name(id)}</a>
      ${mayWrite && html` <button type="button" aria-label=${`Remove from ${name(id)}`} onClick=${() => change(id, 'remove')}>Remove</button>`}</li>`)}</ul>
    ${mayWrite && others.length > 0 && html`<form id="add-to-segment" onSubmit=${add}>
      <label for="segment-to-add">Add to</label> <select id="segment-to-add" name="segment">
        ${others.map((s) => html`<option key=${s.id} value=${s.id}>${s.name}</option>`)}</select>
      <button type="submit">Add</button></form>`}
    <p class="error" role="alert">${error}</p></section>`;
}

export function ContactCampaigns({ contact, version }) {
  const [campaigns, setCampaigns] = useState(null);
  useEffect(() => { api('GET', `${path(contact.id)}/campaigns`).then((r) => setCampaigns(r.campaigns), () => {}); }, [contact.id, version]);
  if (!campaigns) return null;
  return html`<section><h2>Campaigns</h2>
    ${campaigns.length === 0 ? html`<p>On no campaign.</p>` : html`<table id="contact-campaigns">
      <thead><tr><th>Campaign</th><th>Now</th><th>Latest step</th></tr></thead>
      <tbody>${campaigns.map((c) => html`<tr key=${c.campaign}><td>${c.campaign}</td>
        <td>${c.in ? 'in' : 'left'}${c.since ? ` since ${c.since}` : ''}</td>
        <td>${c.lastEvent ? `${c.lastEvent.event}: ${c.lastEvent.outcome.toLowerCase()} at ${c.lastEvent.at}` : '–'}</td></tr>`)}</tbody></table>`}
  </section>`;
}

/** The companies the contact is in, each linking to its page, its primary one marked; writers add it to one or take it out. */
/** Adds contacts to a company or takes them out ({add: [ids]} or {remove: [ids]}): true once accepted, else the refusal shown. */
export async function changeCompanyContacts(company, body, setError, onChanged, message) {
  setError('');
  try {
    await api('POST', `/api/v1/companies/${encodeURIComponent(company)}/contacts`, body);
    onChanged(message);
    return true;
  } catch (e) {
    setError(e.message);
    return false;
  }
}

export function ContactCompanies({ contact, mayWrite, version, onChanged }) {
  const ids = contact.companies || [];
  const [names, setNames] = useState({});
  const [all, setAll] = useState([]);
  const [error, setError] = useState('');
  useEffect(() => {
    Promise.all(ids.map((id) => api('GET', `/api/v1/companies/${encodeURIComponent(id)}`)
      .then((c) => [id, (c.fields && c.fields.companyname) || id], () => [id, id]))).then((found) => setNames(Object.fromEntries(found)));
    if (mayWrite) api('GET', '/api/v1/companies?page=1&size=100').then((r) => setAll(r.companies), () => {});
  }, [contact.id, ids.join(' '), version]);
  const change = (company, action) => changeCompanyContacts(company, { [action]: [contact.id] }, setError, onChanged,
    `${action === 'add' ? 'Added to' : 'Removed from'} company ${names[company] || company}: the engine applies it in a moment.`);
  const add = async (event) => {
    event.preventDefault();
    const form = event.target;
    const company = new FormData(form).get('company').trim();
    if (company && await change(company, 'add')) form.reset();
  };
  return html`<section><h2>Companies</h2>
    ${ids.length === 0 ? html`<p id="contact-no-companies">In no company.</p>`
      : html`<ul id="contact-companies">${ids.map((id) => html`<li key=${id}><a href=${`#/companies/${id}`}>${names[id] || id}</a>
        ${id === contact.primaryCompany && html` <span class="badge on" title="The company it joined last">primary</span>`}
        ${mayWrite && html` <button type="button" aria-label=${`Remove from company ${names[id] || id}`}
          onClick=${() => change(id, 'remove')}>Remove</button>`}</li>`)}</ul>`}
    ${mayWrite && html`<form id="add-to-company" onSubmit=${add}>
      <label for="company-to-add">Add to the company (its id)</label> <input id="company-to-add" name="company" list="company-choices" required />
      <datalist id="company-choices">${all.filter((c) => !ids.includes(c.id))
        .map((c) => html`<option key=${c.id} value=${c.id}>${c.fields.companyname || c.id}</option>`)}</datalist>
      ${' '}<button type="submit">Add to company</button></form>`}
    <p class="error" role="alert">${error}</p></section>`;
}
