// Contacts: find one by email, and its page: who it is, fields (edited by type), points by group,
// tags, segments, companies and do-not-contact (changed by writers), its campaigns, the whole
// timeline a page at a time, and GDPR export and erasure (confirmed by typing ERASE).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { CsvButton } from './csv.js';
import { api } from './api.js';
import { ContactCampaigns, ContactCompanies, ContactSegments, DoNotContact, FieldsEditor } from './contact-details.js';
import { ContactList } from './contact-list.js';

const html = htm.bind(h);

export function ContactSearch() {
  const [error, setError] = useState('');
  const search = async (event) => {
    event.preventDefault();
    setError('');
    try {
      const contact = await api('GET', `/api/v1/contacts?email=${encodeURIComponent(new FormData(event.target).get('email'))}`);
      location.hash = `#/contacts/${contact.id}`;
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<h1>Contacts</h1>
    <form id="contact-search" class="form" onSubmit=${search}>
      <label for="search-email">Email</label>
      <input id="search-email" name="email" type="email" required />
      <p id="search-error" class="error" role="alert">${error}</p>
      <button type="submit">Find</button>
    </form>
    <${ContactList} />`;
}

export function ContactPage({ session, params }) {
  const id = params[0];
  const [contact, setContact] = useState(null);
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const load = () => api('GET', `/api/v1/contacts/${encodeURIComponent(id)}`).then(setContact, (e) => setStatus(e.message));
  useEffect(() => { load(); }, [id]);
  // A change is an event the engine applies within a moment: read the contact again after it.
  const changed = (message) => {
    setStatus(message);
    setTimeout(() => { load(); setVersion((v) => v + 1); }, 1500);
  };
  if (!contact) return html`<p class="error" role="alert">${status}</p>`;
  const name = contact.identifier ? contact.identifier.value : contact.id;
  return html`<h1 id="contact-name">${name}</h1>
    <p>Id ${contact.id} · first seen ${contact.firstSeen || '–'} · last seen ${contact.lastSeen || '–'}
      ${contact.timezone ? ` · ${contact.timezone}` : ''}</p>
    <p id="contact-status" role="status">${status}</p>
    <${FieldsEditor} key=${`fields-${version}`} contact=${contact} mayWrite=${session.mayWrite} onChanged=${changed} />
    <section><h2>Points</h2>
      <p id="contact-points">${contact.points}</p>
      <ul>${Object.entries(contact.pointsByGroup).map(([g, p]) => html`<li key=${g}>${g}: ${p}</li>`)}</ul>
    </section>
    <${Tags} contact=${contact} mayWrite=${session.mayWrite} onChanged=${changed} />
    <${ContactSegments} contact=${contact} mayWrite=${session.mayWrite} version=${version} onChanged=${changed} />
    <${ContactCompanies} contact=${contact} mayWrite=${session.mayWrite} version=${version} onChanged=${changed} />
    <${DoNotContact} contact=${contact} mayWrite=${session.mayWrite} version=${version} onChanged=${changed} />
    <${ContactCampaigns} contact=${contact} version=${version} />
    <${Timeline} id=${contact.id} />
    <${Gdpr} contact=${contact} mayWrite=${session.mayWrite} onErased=${setStatus} />`;
}

function Tags({ contact, mayWrite, onChanged }) {
  const [error, setError] = useState('');
  const change = async (body) => {
    setError('');
    try {
      await api('POST', `/api/v1/contacts/${encodeURIComponent(contact.id)}/tags`, body);
      onChanged('Tags sent: the engine applies them in a moment.');
    } catch (e) {
      setError(e.message);
    }
  };
  const add = (event) => {
    event.preventDefault();
    const tag = new FormData(event.target).get('tag').trim();
    if (tag) change({ add: [tag] });
    event.target.reset();
  };
  return html`<section><h2>Tags</h2>
    <ul id="contact-tags">${contact.tags.map((t) => html`<li key=${t}>${t}
      ${mayWrite && html` <button type="button" aria-label=${`Remove tag ${t}`} onClick=${() => change({ remove: [t] })}>Remove</button>`}</li>`)}</ul>
    ${mayWrite && html`<form id="add-tag" onSubmit=${add}><label for="new-tag">Tag</label> <input id="new-tag" name="tag" required />
      <button type="submit">Add tag</button></form>`}
    <p class="error" role="alert">${error}</p></section>`;
}

function Timeline({ id }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState(null);
  useEffect(() => {
    api('GET', `/api/v1/contacts/${encodeURIComponent(id)}/timeline?page=${page}&size=25`).then(setData, () => {});
  }, [id, page]);
  if (!data) return null;
  return html`<section><h2>Timeline</h2>
    <table id="timeline"><thead><tr><th>When</th><th>What</th><th>Where</th></tr></thead>
      <tbody>${data.events.map((e) => html`<tr key=${e.eventId}><td>${e.eventTime}</td><td>${e.kind}</td>
        <td>${e.url || Object.entries(e.detail).map(([k, v]) => `${k}: ${v}`).join(', ')}</td></tr>`)}</tbody></table>
    <${CsvButton} table="timeline" name=${`timeline-${id}-page-${page}`} />
    ${page > 1 && html`<button type="button" onClick=${() => setPage(page - 1)}>Newer</button>`}
    ${data.hasMore && html`<button type="button" onClick=${() => setPage(page + 1)}>Older</button>`}</section>`;
}

function Gdpr({ contact, mayWrite, onErased }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const exportData = async () => {
    try {
      const doc = await api('GET', `/api/v1/contacts/${encodeURIComponent(contact.id)}/export`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
      link.download = `contact-${contact.id}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setError(e.message);
    }
  };
  const erase = async () => {
    try {
      await api('DELETE', `/api/v1/contacts/${encodeURIComponent(contact.id)}`);
      setConfirming(false);
      onErased('Erasure under way: the engine removes what is left within seconds.');
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section><h2>Personal data (GDPR)</h2>
    <button type="button" id="export-contact" onClick=${exportData}>Export</button>
    ${mayWrite && !confirming && html` <button type="button" id="erase-contact" onClick=${() => setConfirming(true)}>Erase…</button>`}
    ${confirming && html`<div id="erase-confirm" role="group" aria-label="Confirm erasure">
      <p>This deletes everything known about ${contact.identifier ? contact.identifier.value : contact.id}, for good.</p>
      <label for="erase-typed">Type ERASE to confirm</label> <input id="erase-typed" value=${typed} onInput=${(e) => setTyped(e.target.value)} />
      <button type="button" id="erase-confirmed" disabled=${typed !== 'ERASE'} onClick=${erase}>Erase for good</button>
      <button type="button" onClick=${() => setConfirming(false)}>Cancel</button></div>`}
    <p class="error" role="alert">${error}</p></section>`;
}
