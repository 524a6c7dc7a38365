// The web app's shell: sign-in, the signed-in user's header and navigation, and the page the hash
// names. What a role may not do is not shown; the API refuses it anyway.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api, useSession } from './api.js';
import { Users } from './users.js';
import { SegmentList, SegmentPage } from './segments.js';
import { ContactPage, ContactSearch } from './contacts.js';
import { CompanyList, CompanyPage } from './companies.js';
import { CampaignList, CampaignPage } from './campaigns.js';
import { EmailList, EmailPage } from './emails.js';
import { FormList, FormPage } from './forms.js';
import { PageList, PagePage } from './pages.js';
import { FocusList, FocusPage } from './focus.js';
import { WebhookList, WebhookPage } from './webhooks.js';
import { StageList, StagePage } from './stages.js';
import { PointsPage } from './points.js';
import { ImportsPage } from './imports.js';
import { Dashboard } from './dashboard.js';

const html = htm.bind(h);

function SignIn({ message, onSignedIn }) {
  const [error, setError] = useState(message);
  const submit = async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    setError('');
    try {
      onSignedIn(await api('POST', '/app/session', { username: form.get('username'), password: form.get('password') }));
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section id="sign-in">
    <h1>LeadStream</h1>
    <form id="sign-in-form" onSubmit=${submit}>
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" required autofocus />
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <p id="sign-in-error" class="error" role="alert">${error}</p>
      <button type="submit">Sign in</button>
    </form>
  </section>`;
}

function Home({ session }) {
  return html`<p id="role-summary">${session.mayWrite
      ? `As ${session.role} you can build and change definitions, contacts and sends.`
      : `As ${session.role} you can read everything and change nothing.`}</p>
    <${Dashboard} />`;
}

/** Pages by hash; a page's pattern groups are its params (#/segments/vip: ['vip']). */
const PAGES = [
  [/^#\/$/, Home],
  [/^#\/users$/, Users],
  [/^#\/contacts$/, ContactSearch],
  [/^#\/contacts\/([A-Za-z0-9_:.-]+)$/, ContactPage],
  [/^#\/companies$/, CompanyList],
  [/^#\/companies\/([A-Za-z0-9_:.-]+)$/, CompanyPage],
  [/^#\/segments$/, SegmentList],
  [/^#\/segments\/([A-Za-z0-9_-]+)$/, SegmentPage],
  [/^#\/emails$/, EmailList],
  [/^#\/emails\/([A-Za-z0-9_-]+)$/, EmailPage],
  [/^#\/forms$/, FormList],
  [/^#\/forms\/([A-Za-z0-9_-]+)$/, FormPage],
  [/^#\/pages$/, PageList],
  [/^#\/pages\/([A-Za-z0-9_-]+)$/, PagePage],
  [/^#\/focus$/, FocusList],
  [/^#\/focus\/([A-Za-z0-9_-]+)$/, FocusPage],
  [/^#\/stages$/, StageList],
  [/^#\/stages\/([A-Za-z0-9_-]+)$/, StagePage],
  [/^#\/webhooks$/, WebhookList],
  [/^#\/webhooks\/([A-Za-z0-9_-]+)$/, WebhookPage],
  [/^#\/points$/, PointsPage],
  [/^#\/imports$/, ImportsPage],
  [/^#\/campaigns$/, CampaignList],
  [/^#\/campaigns\/([A-Za-z0-9_-]+)$/, CampaignPage],
];

function page(hash) {
  for (const [pattern, Page] of PAGES) {
    const m = pattern.exec(hash);
    if (m) return [Page, m.slice(1)];
  }
  return [Home, []];
}

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const changed = () => setHash(location.hash || '#/');
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function Shell({ session, onSignOut }) {
  const hash = useHash();
  const [Page, params] = page(hash);
  return html`<header>
      <strong>LeadStream</strong>
      <nav aria-label="Main">
        <a href="#/" id="nav-home">Dashboard</a>
        <a href="#/contacts" id="nav-contacts">Contacts</a>
        <a href="#/companies" id="nav-companies">Companies</a>
        <a href="#/segments" id="nav-segments">Segments</a>
        <a href="#/emails" id="nav-emails">Emails</a>
        <a href="#/forms" id="nav-forms">Forms</a>
        <a href="#/pages" id="nav-pages">Landing pages</a>
        <a href="#/focus" id="nav-focus">Focus items</a>
        <a href="#/webhooks" id="nav-webhooks">Webhooks</a>
        <a href="#/campaigns" id="nav-campaigns">Campaigns</a>
        <a href="#/points" id="nav-points">Points</a>
        <a href="#/stages" id="nav-stages">Stages</a>
        <a href="#/imports" id="nav-imports">Imports</a>
        <a href="#/users" id="nav-users" hidden=${session.role !== 'admin'}>Users</a>
      </nav>
      <span id="who">${session.username} (${session.role})</span>
      <button type="button" id="sign-out" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="page"><${Page} key=${hash} session=${session} params=${params} /></main>`;
}

function App() {
  const [state, setState] = useState({ loading: true });
  const signedOut = (message = '') => {
    useSession(null, () => {});
    setState({ message });
  };
  const signedIn = (session) => {
    useSession(session.csrfToken, signedOut);
    setState({ session });
  };
  useEffect(() => { api('GET', '/app/session').then(signedIn, () => signedOut()); }, []);
  const signOut = async () => {
    try { await api('DELETE', '/app/session'); } finally {
      history.replaceState(null, '', '#/'); // the next user starts at home, not on this one's page
      signedOut('Signed out.');
    }
  };
  if (state.loading) return null;
  return state.session
    ? html`<${Shell} session=${state.session} onSignOut=${signOut} />`
    : html`<${SignIn} key=${state.message} message=${state.message} onSignedIn=${signedIn} />`;
}

render(html`<${App} />`, document.getElementById('app'));
