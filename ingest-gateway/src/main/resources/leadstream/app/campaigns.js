// Campaigns: the list, and a campaign's page: its tree on the canvas with live counts per event,
// a dry run over the recorded events drawn over it before anything is sent, publish and unpublish,
// and each event's timing and send window edited in place (saved through the API, whose refusals
// show on the event they name).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api, byPointer } from './api.js';
import { Canvas } from './campaign-canvas.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/campaigns/${encodeURIComponent(id)}`;
const published = (c) => c.enabled !== false;

export function CampaignList() {
  const [campaigns, setCampaigns] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/campaigns').then((r) => setCampaigns(r.campaigns), (e) => setError(e.message)); }, []);
  return html`<h1>Campaigns</h1>
    <p class="error" role="alert">${error}</p>
    ${campaigns && html`<table id="campaigns"><thead><tr><th>Campaign</th><th>Id</th><th>State</th><th>Events</th></tr></thead>
      <tbody>${campaigns.map((c) => html`<tr key=${c.id}><td><a href=${`#/campaigns/${c.id}`}>${c.name}</a></td><td>${c.id}</td>
        <td>${published(c) ? 'published' : 'unpublished'}</td><td>${c.events.length}</td></tr>`)}</tbody></table>`}`;
}

export function CampaignPage({ session, params }) {
  const id = params[0];
  const [campaign, setCampaign] = useState(null);
  const [live, setLive] = useState({});
  const [dry, setDry] = useState(null);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const [running, setRunning] = useState(false);
  const readOnly = !session.mayWrite;

  const loadStats = () => api('GET', `/api/v1/stats/campaigns/${encodeURIComponent(id)}`).then((s) => setLive(s.events), () => {});
  useEffect(() => {
    api('GET', path(id)).then(setCampaign, (e) => setStatus(e.message));
    loadStats();
    const every = setInterval(loadStats, 5000); // live counts while the page is open
    return () => clearInterval(every);
  }, [id]);

  const save = async (changed, done) => {
    setProblems({});
    try {
      await api('PUT', path(id), changed);
      setCampaign(changed);
      setDry(null); // it ran the definition before this change
      setStatus(done);
    } catch (e) {
      setProblems(byPointer(e.problems));
      setStatus(e.problems.length ? `${e.message}: see the marked events` : e.message);
    }
  };
  const edit = (event) => save({ ...campaign, events: campaign.events.map((e) => (e.id === event.id ? event : e)) }, `Saved ${event.id}.`);
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
  return html`<h1>${campaign.name}</h1>
    <p><span id="campaign-state" class=${published(campaign) ? 'badge on' : 'badge off'}>${published(campaign) ? 'Published' : 'Unpublished'}</span>
      ${!readOnly && html` <button type="button" id="toggle-publish" onClick=${toggle}>${published(campaign) ? 'Unpublish' : 'Publish'}</button>`}
      ${' '}<button type="button" id="dry-run" disabled=${running} onClick=${dryRun}>Dry run</button>
      ${dry && html` <button type="button" id="hide-dry-run" onClick=${() => setDry(null)}>Hide dry run</button>`}</p>
    <p id="campaign-status" role="status">${status}</p>
    ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
    ${dry && html`<ul id="dry-run-sends">${Object.entries(bySend).map(([send, n]) => html`<li key=${send}>would send ${send} × ${n}</li>`)}</ul>`}
    <${Canvas} campaign=${campaign} live=${live} dry=${dry} problems=${problems} readOnly=${readOnly} onEdit=${edit} />`;
}
