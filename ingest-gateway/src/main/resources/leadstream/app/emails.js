// Emails: the list with each one's stats, and an email's page: the editor (HTML and text as code,
// tokens inserted where the cursor is), a live preview as a chosen contact would read it (the
// API renders it; nothing tracked), a test send, and the email's stats as a chart.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { Chart } from './chart.js';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';
import { api } from './api.js';
import { saveDefinition } from './definitions.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/emails/${encodeURIComponent(id)}`;
const COUNTS = ['sent', 'delivered', 'opens', 'uniqueOpens', 'clicks', 'uniqueClicks', 'bounced', 'unsubscribed', 'failed', 'suppressed'];
const SPECIAL = ['{unsubscribe_text}', '{unsubscribe_url}', '{webview_text}', '{webview_url}', '{tracking_pixel}', '{subject}', '{signature}',
  '{date_now}'];
const percent = (n, of) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');

export function EmailList({ session }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    Promise.all([api('GET', '/api/v1/emails'), api('GET', '/api/v1/stats/emails')]).then(([defs, stats]) => {
      const byId = Object.fromEntries(stats.emails.map((s) => [s.email, s]));
      setRows(defs.emails.map((e) => ({ ...e, stats: byId[e.id] || {} })));
    }, (e) => setError(e.message));
  }, []);
  const [shown, pager] = usePaged(rows, 'emails');
  return html`<h1>Emails</h1>
    ${session.mayWrite && html`<p><a href="#/emails/new" id="new-email">New email</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="emails"><thead><tr><th>Email</th><th>Type</th><th>Subject</th><th>Sent</th><th>Opened</th><th>Clicked</th></tr></thead>
      <tbody>${shown.map((e) => html`<tr key=${e.id}><td><a href=${`#/emails/${e.id}`}>${e.name}</a></td><td>${e.type}</td><td>${e.subject}</td>
        <td>${e.stats.sent || 0}</td><td>${percent(e.stats.uniqueOpens || 0, e.stats.delivered)}</td>
        <td>${percent(e.stats.uniqueClicks || 0, e.stats.delivered)}</td></tr>`)}</tbody></table>
      ${pager}<${CsvButton} table="emails" />`}`;
}

function Input({ id, label, value, problem, readOnly, onInput, ...rest }) {
  return html`<label for=${id}>${label}</label>
    <input id=${id} value=${value ?? ''} readOnly=${readOnly} aria-invalid=${problem ? 'true' : undefined} onInput=${(e) => onInput(e.target.value)} ...${rest} />
    ${problem && html`<span class="error" role="alert">${problem}</span>`}`;
}

/** The preview of the email as it is now, as `contact` (null: tokens' defaults) would read it; asked again 400 ms after the last keystroke. */
function Preview({ email, who, setWho }) {
  const [shown, setShown] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const t = setTimeout(() => {
      api('POST', `/api/v1/emails/preview${who.id ? `?contact=${encodeURIComponent(who.id)}` : ''}`,
        { subject: email.subject, html: email.html, text: email.text }).then((p) => { setShown(p); setError(''); }, (e) => setError(e.message));
    }, 400);
    return () => clearTimeout(t);
  }, [email.subject, email.html, email.text, who.id]);
  const choose = async (event) => {
    event.preventDefault();
    const address = new FormData(event.target).get('address').trim();
    if (!address) { setWho({ id: null, label: '' }); return; }
    try {
      const c = await api('GET', `/api/v1/contacts?email=${encodeURIComponent(address)}`);
      setWho({ id: c.id, label: address });
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section class="preview"><h2>Preview</h2>
    <form id="preview-as" onSubmit=${choose}><label for="preview-address">As the contact</label>
      <input id="preview-address" name="address" type="email" placeholder="address (empty: token defaults)" />
      <button type="submit">Show</button></form>
    <p id="preview-who">${who.id ? `As ${who.label}` : 'With each token\u2019s default'}</p>
    <p class="error" role="alert">${error}</p>
    ${shown && html`<p id="preview-subject"><strong>Subject:</strong> ${shown.subject}</p>
      <iframe id="preview-html" title="HTML preview" sandbox="" srcdoc=${shown.html}></iframe>
      <pre id="preview-text">${shown.text}</pre>`}
  </section>`;
}

function TestSend({ id, contact }) {
  const [status, setStatus] = useState('');
  const send = async (event) => {
    event.preventDefault();
    setStatus('');
    try {
      const r = await api('POST', `${path(id)}/test`, { to: new FormData(event.target).get('to'), contact: contact || undefined });
      setStatus(`Test sent to ${r.to} by the send workers (subject starts with [Test]).`);
    } catch (e) {
      setStatus(e.message);
    }
  };
  return html`<form id="test-send" onSubmit=${send}><label for="test-to">Test send to</label>
    <input id="test-to" name="to" type="email" required /> <button type="submit">Send test</button>
    <span id="test-status" role="status">${status}</span></form>`;
}

/** A segment email's send: started here, its progress while it runs (asked every 2 s), closed here. */
function SegmentSend({ id, mayWrite }) {
  const [progress, setProgress] = useState(undefined); // undefined: not read yet; null: never started
  const [error, setError] = useState('');
  const read = () => api('GET', `${path(id)}/send`).then(setProgress, (e) => (e.status === 404 ? setProgress(null) : setError(e.message)));
  useEffect(() => { read(); }, [id]);
  useEffect(() => {
    if (!progress || progress.state === 'closed') return undefined;
    const t = setInterval(read, 2000);
    return () => clearInterval(t);
  }, [progress && progress.state]);
  const act = (method) => api(method, `${path(id)}/send`, method === 'POST' ? {} : undefined).then(setProgress, (e) => setError(e.message));
  const counts = progress && ['queued', 'sent', 'suppressed', 'failed', 'pending'].map((k) => `${k} ${progress[k] || 0}`).join(' · ');
  return html`<section id="segment-send"><h2>Send to its segments</h2>
    <p class="error" role="alert">${error}</p>
    ${progress === null && html`<p>Not sent yet: starting sends it once to every member, and to each contact who joins later until it is closed.</p>
      ${mayWrite && html`<button type="button" id="start-segment-send" onClick=${() => act('POST')}>Send now</button>`}`}
    ${progress && html`<p id="segment-send-progress" role="status">${progress.state}: ${counts}</p>
      ${mayWrite && progress.state !== 'closed' && html`<button type="button" id="close-segment-send" onClick=${() => act('DELETE')}>Close</button>`}`}
  </section>`;
}

const DAILY = [['sent', 'Sent'], ['uniqueOpens', 'Opened'], ['uniqueClicks', 'Clicked'], ['bounced', 'Bounced'], ['unsubscribed', 'Unsubscribed']];

function Stats({ id }) {
  const [row, setRow] = useState(null);
  const [days, setDays] = useState(30);
  const [daily, setDaily] = useState(null);
  useEffect(() => { api('GET', '/api/v1/stats/emails').then((s) => setRow(s.emails.find((e) => e.email === id) || {}), () => {}); }, [id]);
  useEffect(() => { api('GET', `/api/v1/stats/emails/${encodeURIComponent(id)}/daily?days=${days}`).then((r) => setDaily(r.days), () => setDaily(null)); }, [id, days]);
  const config = row && { type: 'bar', data: { labels: COUNTS, datasets: [{ label: id, data: COUNTS.map((c) => row[c] || 0) }] },
    options: { plugins: { legend: { display: false } } } };
  const overTime = daily && { type: 'line', data: { labels: daily.map((d) => d.day),
    datasets: DAILY.map(([key, label]) => ({ label, data: daily.map((d) => d[key]) })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
  return html`<section><h2>Stats</h2>
    ${row && html`<p id="email-rates">Sent ${row.sent || 0} · delivered ${row.delivered || 0} · opened ${percent(row.uniqueOpens || 0, row.delivered)}
      · clicked ${percent(row.uniqueClicks || 0, row.delivered)} · bounced ${percent(row.bounced || 0, row.sent)}
      · unsubscribed ${percent(row.unsubscribed || 0, row.delivered)}</p>`}
    <${Chart} id="email-chart" label="Counts of this email" config=${config} />
    <h3>Over time</h3>
    <label for="email-days">Days (UTC)</label>
    <select id="email-days" value=${days} onChange=${(e) => setDays(Number(e.target.value))}>
      ${[7, 30, 90, 365].map((d) => html`<option value=${d}>last ${d} days</option>`)}</select>
    ${daily && html`<p id="email-daily-summary">${daily.reduce((n, d) => n + d.uniqueOpens, 0)} first opens and
      ${daily.reduce((n, d) => n + d.uniqueClicks, 0)} first clicks in the last ${days} days</p>`}
    <${Chart} id="email-daily-chart" label="Sends, opens and clicks of this email per day" config=${overTime} /></section>`;
}

export function EmailPage({ session, params }) {
  const isNew = params[0] === 'new';
  const blank = { id: '', name: '', type: 'marketing', from: '', subject: '', html: '<p>Hello {contactfield=firstname|there},</p>', text: 'Hello {contactfield=firstname|there},' };
  const [email, setEmail] = useState(isNew ? blank : null);
  const [tokens, setTokens] = useState(SPECIAL);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const [who, setWho] = useState({ id: null, label: '' }); // whose fields fill the preview's and the test's tokens
  const focused = useRef('html');
  const readOnly = !session.mayWrite;
  useEffect(() => {
    api('GET', '/api/v1/fields').then((r) => setTokens([...r.fields.filter((f) => f.object !== 'company').map((f) => `{contactfield=${f.id}}`), ...SPECIAL]), () => {});
    if (!isNew) api('GET', path(params[0])).then(setEmail, (e) => setStatus(e.message));
  }, [params[0]]);
  if (!email) return html`<p class="error" role="alert">${status}</p>`;

  const set = (prop) => (value) => setEmail({ ...email, [prop]: value });
  const insert = () => {
    const token = document.getElementById('token').value;
    const el = document.getElementById(`email-${focused.current}`);
    const at = el.selectionStart ?? el.value.length;
    setEmail({ ...email, [focused.current]: el.value.slice(0, at) + token + el.value.slice(el.selectionEnd ?? at) });
  };
  const save = (event) => {
    event.preventDefault();
    const segments = (email.segments || []).filter((x) => x);
    const { segments: _typed, ...rest } = email; // saved below without the empty ones
    return saveDefinition('emails', segments.length ? { ...rest, segments } : rest, isNew, setProblems, setStatus);
  };
  const code = (prop, label, rows) => html`<label for=${`email-${prop}`}>${label}</label>
    <textarea id=${`email-${prop}`} class="code" rows=${rows} value=${email[prop]} readOnly=${readOnly} spellcheck="false"
      aria-invalid=${problems[`/${prop}`] ? 'true' : undefined} onFocus=${() => { focused.current = prop; }}
      onInput=${(e) => set(prop)(e.target.value)} />
    ${problems[`/${prop}`] && html`<span class="error" role="alert">${problems[`/${prop}`]}</span>`}`;
  return html`<h1>${isNew ? 'New email' : email.name}</h1>
    <div class="editor">
      <form id="email-form" class="form" onSubmit=${save}>
        <${Input} id="email-id" label="Id" value=${email.id} problem=${problems['/id']} readOnly=${readOnly || !isNew} required onInput=${set('id')} />
        <${Input} id="email-name" label="Name" value=${email.name} problem=${problems['/name']} readOnly=${readOnly} required onInput=${set('name')} />
        <label for="email-type">Type</label>
        <select id="email-type" value=${email.type} disabled=${readOnly} onChange=${(e) => set('type')(e.target.value)}>
          <option value="marketing">marketing (once per contact, respects do-not-contact)</option>
          <option value="transactional">transactional</option></select>
        <${Input} id="email-from" label="From" type="email" value=${email.from} problem=${problems['/from']} readOnly=${readOnly} required onInput=${set('from')} />
        <${Input} id="email-subject" label="Subject" value=${email.subject} problem=${problems['/subject']} readOnly=${readOnly} required
          onInput=${set('subject')} onFocus=${() => { focused.current = 'subject'; }} />
        ${!readOnly && html`<div><label for="token">Token</label> <select id="token">${tokens.map((t) => html`<option key=${t} value=${t}>${t}</option>`)}</select>
          <button type="button" id="insert-token" onMouseDown=${(e) => e.preventDefault()} onClick=${insert}>Insert at cursor</button></div>`}
        <${Input} id="email-segments" label="Segments (ids, comma-separated: a segment email)" value=${(email.segments || []).join(', ')}
          problem=${problems['/segments']} readOnly=${readOnly}
          onInput=${(v) => set('segments')(v.split(',').map((x) => x.trim()))} />
        ${code('html', 'HTML', 14)}
        ${code('text', 'Text', 6)}
        ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
        <p id="email-status" role="status">${status}</p>
        ${!readOnly && html`<button type="submit" id="save-email">Save</button>`}
      </form>
      <${Preview} email=${email} who=${who} setWho=${setWho} />
    </div>
    ${!isNew && !readOnly && html`<${TestSend} id=${email.id} contact=${who.id} />`}
    ${!isNew && (email.segments || []).some((x) => x) && html`<${SegmentSend} id=${email.id} mayWrite=${!readOnly} />`}
    ${!isNew && html`<${Stats} id=${email.id} />`}`;
}
