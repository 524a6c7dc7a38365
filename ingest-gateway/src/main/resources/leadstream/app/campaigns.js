// Campaigns: the list, and a campaign's page: its tree on the canvas, built there (sources, steps
// added and deleted, timing and send windows), with live counts per event, a dry run over the
// recorded events drawn over it before anything is sent, and publish and unpublish. Each change is
// saved through the API, whose refusals show on the event they name.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';
import { api, byPointer } from './api.js';
import { Canvas } from './campaign-canvas.js';
import { useDefinitions } from './definitions.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/campaigns/${encodeURIComponent(id)}`;
const published = (c) => c.enabled !== false;

export function CampaignList({ session }) {
  const [campaigns, setCampaigns] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/campaigns').then((r) => setCampaigns(r.campaigns), (e) => setError(e.message)); }, []);
  const [shown, pager] = usePaged(campaigns, 'campaigns');
  return html`<h1>Campaigns</h1>
    ${session.mayWrite && html`<p><a href="#/campaigns/new" id="new-campaign">New campaign</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${campaigns && html`<table id="campaigns"><thead><tr><th>Campaign</th><th>Id</th><th>State</th><th>Events</th></tr></thead>
      <tbody>${shown.map((c) => html`<tr key=${c.id}><td><a href=${`#/campaigns/${c.id}`}>${c.name}</a></td><td>${c.id}</td>
        <td>${published(c) ? 'published' : 'unpublished'}</td><td>${c.events.length}</td></tr>`)}</tbody></table>
      ${pager}<${CsvButton} table="campaigns" />`}`;
}

/** An event and every event that hangs under it. */
function withoutBranch(events, id) {
  const gone = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    events.forEach((e) => { if (e.parent && gone.has(e.parent) && !gone.has(e.id)) { gone.add(e.id); grew = true; } });
  }
  return events.filter((e) => !gone.has(e.id));
}

export function CampaignPage({ session, params }) {
  const isNew = params[0] === 'new';
  const id = params[0];
  // a new campaign starts unpublished: it is built, dry-run, then published
  const [campaign, setCampaign] = useState(isNew ? { id: '', name: '', enabled: false, sources: {}, events: [] } : null);
  const [live, setLive] = useState({});
  const [dry, setDry] = useState(null);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const [running, setRunning] = useState(false);
  const [choices] = useDefinitions(['segments', 'forms', 'emails', 'campaigns', 'point-groups', 'fields', 'stages']);
  const readOnly = !session.mayWrite;

  const loadStats = () => api('GET', `/api/v1/stats/campaigns/${encodeURIComponent(id)}`).then((s) => setLive(s.events), () => {});
  useEffect(() => {
    if (isNew) return undefined;
    api('GET', path(id)).then(setCampaign, (e) => setStatus(e.message));
    loadStats();
    const every = setInterval(loadStats, 5000); // live counts while the page is open
    return () => clearInterval(every);
  }, [id]);

  /** Stores `changed`; the API's problems as "pointer: reason" (none: saved). */
  const save = async (changed, done) => {
    setProblems({});
    if (!changed.events.length) { // nothing to store yet: a campaign needs a step
      setCampaign(changed);
      return [];
    }
    try {
      await api('PUT', path(changed.id), changed);
      setCampaign(changed);
      setDry(null); // it ran the definition before this change
      setStatus(done);
      if (isNew) location.hash = `#/campaigns/${changed.id}`;
      return [];
    } catch (e) {
      setProblems(byPointer(e.problems));
      setStatus(e.problems.length ? `${e.message}: see the marked events` : e.message);
      return e.problems.length ? e.problems.map((p) => `${p.pointer}: ${p.reason}`) : [e.message];
    }
  };
  const edit = (event) => save({ ...campaign, events: campaign.events.map((e) => (e.id === event.id ? event : e)) }, `Saved ${event.id}.`);
  const add = (event) => save({ ...campaign, events: [...campaign.events, event] }, `Added ${event.id}.`);
  const remove = (eventId) => save({ ...campaign, events: withoutBranch(campaign.events, eventId) }, `Deleted ${eventId} and what followed it.`);
  const sources = (chosen) => save({ ...campaign, sources: chosen }, 'Sources saved.');
  const toggle = () => save({ ...campaign, enabled: !published(campaign) }, published(campaign) ? 'Unpublished: no contact moves on.' : 'Published.');
  const dryRun = async () => {
    setRunning(true);
    setStatus('Dry run over the recorded events…');
    try {
      // as if published: what it would do before it does anything
      const result = await api('POST', `${path(id)}/dry-run`, { ...campaign, enabled: true });
      setDry(result);
      setStatus(`Dry run: ${result.entered} contacts would enter and ${result.sends.length} messages would go. Nothing was sent.`);
    } catch (e) {
      setStatus(e.message);
    } finally {
      setRunning(false);
    }
  };

  if (!campaign) return html`<p class="error" role="alert">${status}</p>`;
  const bySend = {};
  (dry ? dry.sends : []).forEach((s) => { bySend[s.send] = (bySend[s.send] || 0) + 1; });
  const stored = !isNew;
  return html`<h1>${isNew ? 'New campaign' : campaign.name}</h1>
    ${isNew && html`<div class="form">
      <label for="campaign-id">Id</label><input id="campaign-id" value=${campaign.id} onInput=${(e) => setCampaign({ ...campaign, id: e.target.value })} />
      <label for="campaign-name">Name</label><input id="campaign-name" value=${campaign.name} onInput=${(e) => setCampaign({ ...campaign, name: e.target.value })} />
      <p>Choose the sources, then add a first step: the campaign is stored, unpublished, with it.</p></div>`}
    ${stored && html`<p><span id="campaign-state" class=${published(campaign) ? 'badge on' : 'badge off'}>${published(campaign) ? 'Published' : 'Unpublished'}</span>
      ${!readOnly && html` <button type="button" id="toggle-publish" onClick=${toggle}>${published(campaign) ? 'Unpublish' : 'Publish'}</button>`}
      ${' '}<button type="button" id="dry-run" disabled=${running} onClick=${dryRun}>Dry run</button>
      ${dry && html` <button type="button" id="hide-dry-run" onClick=${() => setDry(null)}>Hide dry run</button>`}</p>`}
    <p id="campaign-status" role="status">${status}</p>
    ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
    ${dry && html`<ul id="dry-run-sends">${Object.entries(bySend).map(([send, n]) => html`<li key=${send}>would send ${send} × ${n}</li>`)}</ul>`}
    <${Canvas} campaign=${campaign} live=${live} dry=${dry} problems=${problems} readOnly=${readOnly} choices=${choices}
      onEdit=${edit} onAdd=${add} onDelete=${remove} onSources=${sources} />`;
}
