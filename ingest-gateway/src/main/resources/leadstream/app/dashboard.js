// The dashboard: contacts and events over a chosen time
// range, a campaign's funnel, and each email's rates; every table exports as CSV.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { Chart } from './chart.js';
import { CsvButton } from './csv.js';

const html = htm.bind(h);
const RANGES = [[60, 'last hour'], [360, 'last 6 hours'], [1440, 'last 24 hours'], [10080, 'last 7 days']];
const REACHED = ['EXECUTED', 'SUPPRESSED', 'YES', 'NO', 'TRIGGERED'];
const pct = (r) => `${(100 * (r || 0)).toFixed(1)}%`;

/** Every minute (or hour) of the range as [UTC label, events], quiet ones as 0: the API lists only those with events. */
function everyBucket(o, minutes) {
  const step = o.bucket === 'hour' ? 3_600_000 : 60_000;
  const counted = new Map(o.eventsPerMinute.map((m) => [Date.parse(m.minute), m.events]));
  const end = Math.floor(Date.now() / step) * step;
  const out = [];
  for (let t = end - (Math.ceil((minutes * 60_000) / step) - 1) * step; t <= end; t += step) {
    out.push([new Date(t).toISOString().slice(0, 16).replace('T', ' '), counted.get(t) || 0]);
  }
  return out;
}

function Overview() {
  const [minutes, setMinutes] = useState(60);
  const [o, setO] = useState(null);
  useEffect(() => { api('GET', `/api/v1/stats/overview?minutes=${minutes}`).then(setO, () => {}); }, [minutes]);
  const total = o ? o.eventsPerMinute.reduce((s, m) => s + m.events, 0) : 0;
  const points = o && everyBucket(o, minutes);
  const config = o && { type: 'bar', data: { labels: points.map(([t]) => t),
    datasets: [{ label: `events per ${o.bucket}`, data: points.map(([, n]) => n) }] },
    options: { plugins: { legend: { display: false } } } };
  return html`<section><h2>Activity</h2>
    <label for="range">Time range</label> <select id="range" value=${minutes} onChange=${(e) => setMinutes(Number(e.target.value))}>
      ${RANGES.map(([m, label]) => html`<option value=${m}>${label}</option>`)}</select>
    ${o && html`<p id="overview-figures">${o.contacts} contacts, ${pct(o.identifiedRate)} identified; ${total} events in the ${RANGES.find(([m]) => m === minutes)[1]}, per ${o.bucket}</p>`}
    <${Chart} id="activity-chart" label="Events over the time range" config=${config} /></section>`;
}

function Funnel() {
  const [campaigns, setCampaigns] = useState([]);
  const [chosen, setChosen] = useState('');
  const [stats, setStats] = useState(null);
  useEffect(() => { api('GET', '/api/v1/stats/campaigns').then((r) => { setCampaigns(r.campaigns); if (r.campaigns[0]) setChosen(r.campaigns[0].campaign); }, () => {}); }, []);
  useEffect(() => { if (chosen) api('GET', `/api/v1/stats/campaigns/${encodeURIComponent(chosen)}`).then(setStats, () => {}); }, [chosen]);
  const campaign = campaigns.find((c) => c.campaign === chosen);
  if (!campaign) return html`<section><h2>Campaign funnel</h2><p>No campaign yet.</p></section>`;
  const reached = (id) => REACHED.reduce((sum, o) => sum + (((stats && stats.events[id]) || {})[o] || 0), 0);
  const entered = ((stats && stats.events['']) || {}).ENTERED || 0;
  const steps = [['entered', entered], ...campaign.steps.map((s) => [s.id, reached(s.id)])];
  const config = stats && { type: 'bar', data: { labels: steps.map(([s]) => s), datasets: [{ label: 'contacts', data: steps.map(([, n]) => n) }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } } };
  return html`<section><h2>Campaign funnel</h2>
    <label for="funnel-campaign">Campaign</label> <select id="funnel-campaign" value=${chosen} onChange=${(e) => setChosen(e.target.value)}>
      ${campaigns.map((c) => html`<option value=${c.campaign}>${c.name || c.campaign}</option>`)}</select>
    <table id="funnel"><thead><tr><th>Step</th><th>Contacts</th><th>Of those entered</th></tr></thead>
      <tbody>${steps.map(([s, n]) => html`<tr key=${s}><td>${s}</td><td>${n}</td><td>${entered ? pct(n / entered) : '–'}</td></tr>`)}</tbody></table>
    <${CsvButton} table="funnel" name=${`funnel-${chosen}`} />
    <${Chart} id="funnel-chart" label="Contacts reaching each step" config=${config} /></section>`;
}

function EmailRates() {
  const [emails, setEmails] = useState(null);
  useEffect(() => { api('GET', '/api/v1/stats/emails').then((r) => setEmails(r.emails), () => {}); }, []);
  if (!emails) return null;
  return html`<section><h2>Email performance</h2>
    <table id="email-rates-table"><thead><tr><th>Email</th><th>Sent</th><th>Delivered</th><th>Open rate</th><th>Click rate</th><th>Bounce rate</th>
      <th>Unsubscribe rate</th></tr></thead>
      <tbody>${emails.map((e) => html`<tr key=${e.email}><td>${e.email}</td><td>${e.sent}</td><td>${e.delivered}</td><td>${pct(e.openRate)}</td>
        <td>${pct(e.clickRate)}</td><td>${pct(e.bounceRate)}</td><td>${pct(e.unsubscribeRate)}</td></tr>`)}</tbody></table>
    <${CsvButton} table="email-rates-table" name="email-performance" /></section>`;
}

export function Dashboard() {
  return html`<h1>Dashboard</h1><${Overview} /><${Funnel} /><${EmailRates} />`;
}
