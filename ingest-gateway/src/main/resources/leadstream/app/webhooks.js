// Global webhooks: the list, and a webhook's editor (its URL and the contact events it is called for).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { usePaged } from './paging.js';
import { api } from './api.js';
import { saveDefinition, useDefinitions } from './definitions.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/webhooks/${encodeURIComponent(id)}`;
const EVENTS = [['form_submission', 'A form submitted'], ['page_hit', 'A page visited'], ['identification', 'A visitor identified'],
  ['email_open', 'An email opened'], ['email_click', 'A link in an email clicked'], ['email_unsubscribe', 'An unsubscribe'],
  ['email_bounce', 'A bounce'], ['asset_download', 'An asset downloaded'], ['custom', 'A custom event (focus items among them)'],
  ['points_change', 'Points changed'], ['segment_change', 'A segment entered or left'], ['stage_change', 'A stage changed'],
  ['campaign_event', 'A campaign step carried out'], ['contact_merged', 'Contacts merged'],
  ['contact_updated', 'Contact fields changed'], ['contact_deleted', 'Contact deleted (erased)'], ['email_sent', 'An email sent']];

export function WebhookList({ session }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/webhooks').then((r) => setRows(r.webhooks), (e) => setError(e.message)); }, []);
  const [shown, pager] = usePaged(rows, 'webhooks');
  return html`<h1>Webhooks</h1>
    <p>Each is called, signed, for every contact event of the kinds it names; no campaign needed.</p>
    ${session.mayWrite && html`<p><a href="#/webhooks/new" id="new-webhook">New webhook</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="webhooks"><thead><tr><th>Webhook</th><th>URL</th><th>Events</th><th>Published</th></tr></thead>
      <tbody>${shown.map((w) => html`<tr key=${w.id}><td><a href=${`#/webhooks/${w.id}`}>${w.name}</a></td><td>${w.url}</td>
        <td>${(w.events || []).join(', ')}</td><td>${w.published === false ? 'no' : 'yes'}</td></tr>`)}</tbody></table>${pager}`}`;
}

export function WebhookPage({ session, params }) {
  const isNew = params[0] === 'new';
  const [hook, setHook] = useState(isNew ? { id: '', name: '', url: 'https://', events: [] } : null);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const readOnly = !session.mayWrite;
  const [choices] = useDefinitions(['segments']);
  useEffect(() => { if (!isNew) api('GET', path(params[0])).then(setHook, (e) => setStatus(e.message)); }, [params[0]]);
  if (!hook) return html`<p class="error" role="alert">${status}</p>`;

  const set = (prop, value) => setHook({ ...hook, [prop]: value === '' ? undefined : value });
  const toggle = (kind, on) => set('events', on ? [...hook.events, kind] : hook.events.filter((e) => e !== kind));
  const segments = hook.segments || [];
  const toggleSegment = (id, on) => setHook({ ...hook, segments: on ? [...segments, id] : segments.filter((s) => s !== id) });
  const save = (event) => {
    event.preventDefault();
    return saveDefinition('webhooks', hook, isNew, setProblems, setStatus);
  };
  const problem = (pointer) => problems[pointer] && html`<span class="error" role="alert">${problems[pointer]}</span>`;
  return html`<h1>${isNew ? 'New webhook' : hook.name}</h1>
    <form id="webhook-form" class="form" onSubmit=${save}>
      <label for="webhook-id">Id</label>
      <input id="webhook-id" value=${hook.id} required readOnly=${readOnly || !isNew} onInput=${(e) => set('id', e.target.value)} />${problem('/id')}
      <label for="webhook-name">Name</label>
      <input id="webhook-name" value=${hook.name} required readOnly=${readOnly} onInput=${(e) => set('name', e.target.value)} />${problem('/name')}
      <label for="webhook-url">URL</label>
      <input id="webhook-url" type="url" value=${hook.url} required readOnly=${readOnly}
        aria-invalid=${problems['/url'] ? 'true' : undefined} onInput=${(e) => set('url', e.target.value)} />${problem('/url')}
      <label for="webhook-batch">Events per call (1: a call per event)</label>
      <input id="webhook-batch" type="number" min="1" max="1000" value=${hook.batch || 1} readOnly=${readOnly}
        aria-invalid=${problems['/batch'] ? 'true' : undefined}
        onInput=${(e) => set('batch', Number(e.target.value) > 1 ? Number(e.target.value) : undefined)} />${problem('/batch')}
      <label for="webhook-published"><input type="checkbox" id="webhook-published" checked=${hook.published !== false} disabled=${readOnly}
        onChange=${(e) => setHook({ ...hook, published: e.target.checked })} /> Published</label>
      <fieldset id="webhook-events"><legend>Called for</legend>
        ${EVENTS.map(([kind, label]) => html`<label key=${kind} for=${`webhook-event-${kind}`}>
          <input type="checkbox" id=${`webhook-event-${kind}`} checked=${hook.events.includes(kind)} disabled=${readOnly}
            onChange=${(e) => toggle(kind, e.target.checked)} /> ${label}</label>`)}
      </fieldset>${problem('/events')}
      <fieldset id="webhook-segments"><legend>Only for contacts in (none: every contact)</legend>
        ${(choices.segments || []).map((s) => html`<label key=${s.id} for=${`webhook-segment-${s.id}`}>
          <input type="checkbox" id=${`webhook-segment-${s.id}`} checked=${segments.includes(s.id)} disabled=${readOnly}
            onChange=${(e) => toggleSegment(s.id, e.target.checked)} /> ${s.name || s.id}</label>`)}
      </fieldset>${problem('/segments')}
      ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
      <p id="webhook-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-webhook">Save</button>`}
    </form>`;
}
