// LeadStream dashboard: one page per hash route, reading the gateway's /api/v1 (which reads Cassandra).
// The API token comes from ?token= once, then lives in this tab's sessionStorage only.
"use strict";

const TOKEN_KEY = "leadstream-token";
const page = document.getElementById("page");
const charts = [];

(function takeTokenFromUrl() {
  const params = new URLSearchParams(location.search);
  if (params.has("token")) {
    sessionStorage.setItem(TOKEN_KEY, params.get("token"));
    history.replaceState(null, "", location.pathname + location.hash);
  }
})();

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path) {
  const response = await fetch("/api/v1" + path, { headers: { Authorization: "Bearer " + (sessionStorage.getItem(TOKEN_KEY) || "") } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, (body.error && body.error.message) || response.statusText);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return node;
}

const number = n => (n == null ? "–" : Number(n).toLocaleString("en-US"));
const percent = r => (r == null ? "–" : (100 * r).toFixed(1) + "%");
const when = iso => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) : "–");

function card(id, label, value) {
  return el("div", { class: "card" }, el("div", { class: "label" }, label), el("div", { class: "value", id }, value));
}

function table(headers, rows, onRow) {
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map(h => el("th", { class: h.num ? "num" : "" }, h.label || h)))),
    el("tbody", {}, rows.map(r => {
      const tr = el("tr", onRow ? { class: "clickable", onclick: () => onRow(r.data, tr) } : {},
        r.cells.map((c, i) => el("td", { class: headers[i].num ? "num" : "" }, c)));
      return tr;
    })));
}

function chart(canvas, config) {
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  charts.push(new Chart(canvas, config));
}

function chartPanel(id, title) {
  return el("div", { class: "panel" }, el("h2", {}, title), el("div", { style: "height:260px" }, el("canvas", { id })));
}

// ---------------------------------------------------------------------------------------------
// Pages

const pages = {
  async overview() {
    const o = await api("/stats/overview");
    const lastHour = o.eventsPerMinute.reduce((sum, m) => sum + m.events, 0);
    page.replaceChildren(el("h1", {}, "Overview"),
      el("div", { class: "cards" },
        card("overview-contacts", "Contacts", number(o.contacts)),
        card("overview-identified", "Identified", percent(o.identifiedRate)),
        card("overview-events", "Events, last hour", number(lastHour))),
      chartPanel("overview-chart", "Events per minute"));
    chart(document.getElementById("overview-chart"), {
      type: "line",
      data: { labels: o.eventsPerMinute.map(m => m.minute.slice(11, 16)),
        datasets: [{ label: "events", data: o.eventsPerMinute.map(m => m.events), borderColor: "#2f6fde", fill: false }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  },

  async contacts(query) {
    const form = el("form", { class: "search" },
      el("input", { id: "contact-search", placeholder: "email or contact id", value: query || "" }),
      el("button", { type: "submit" }, "Find"));
    form.addEventListener("submit", e => {
      e.preventDefault();
      location.hash = "#/contacts/" + encodeURIComponent(document.getElementById("contact-search").value.trim());
    });
    page.replaceChildren(el("h1", {}, "Contacts"), form, el("div", { id: "contact" }));
    if (!query) {
      document.getElementById("contact").append(el("p", { class: "muted" }, "Find a contact by email address or by id."));
      return;
    }
    const target = document.getElementById("contact");
    let profile;
    try {
      profile = await api(query.includes("@") ? "/contacts?email=" + encodeURIComponent(query) : "/contacts/" + encodeURIComponent(query));
    } catch (e) {
      if (e.status === 404) { target.append(el("p", { id: "contact-missing" }, "No contact " + query + ".")); return; }
      throw e;
    }
    const [timeline, record] = await Promise.all([api("/contacts/" + profile.id + "/timeline?size=25"), api("/contacts/" + profile.id + "/export")]);
    const t = record.tables;
    const groups = Object.entries(profile.pointsByGroup).map(([group, points]) => ({ cells: [group, number(points)] }));
    const segments = t.contact_segments.map(s => ({ cells: [s.segment_id] }));
    const campaigns = {}; // campaign_log is newest first within a campaign: keep each campaign's first row
    for (const step of t.campaign_log) campaigns[step.campaign_id] = campaigns[step.campaign_id] || step;
    target.append(
      el("div", { class: "cards" },
        card("contact-id", "Contact", profile.id),
        card("contact-identifier", "Identified by", profile.identifier ? profile.identifier.value : "anonymous"),
        card("contact-points", "Points", number(profile.points))),
      el("div", { class: "grid" },
        el("div", { class: "panel" }, el("h2", {}, "Fields"),
          table(["field", "value"], Object.entries(profile.fields).map(([k, v]) => ({ cells: [k, v] })))),
        el("div", { class: "panel", id: "contact-memberships" },
          el("h2", {}, "Segments"), table(["segment"], segments),
          el("h2", {}, "Campaigns"), table(["campaign", "last step", "outcome", "at"],
            Object.values(campaigns).map(c => ({ cells: [c.campaign_id, c.event_id, c.outcome, when(c.at)] }))),
          el("h2", {}, "Tags"), el("div", { id: "contact-tags" }, table(["tag"], profile.tags.map(tag => ({ cells: [tag] })))),
          el("h2", {}, "Points by group"), table(["group", { label: "points", num: true }], groups))),
      el("div", { class: "panel" }, el("h2", {}, "Timeline"),
        table(["time", "kind", "page or detail", "device"], timeline.events.map(e => ({
          cells: [when(e.eventTime), e.kind, e.url || Object.entries(e.detail || {}).map(([k, v]) => k + "=" + v).join(" "), e.deviceId || ""] })))));
  },

  async segments(selected) {
    const s = await api("/stats/segments");
    const rows = s.segments.map(x => ({ data: x.segment, cells: [x.segment, x.name || "", number(x.members)] }));
    page.replaceChildren(el("h1", {}, "Segments"),
      table(["segment", "name", { label: "members", num: true }], rows, id => { location.hash = "#/segments/" + encodeURIComponent(id); }),
      el("div", { id: "segment-history" }));
    const id = selected || (s.segments[0] && s.segments[0].segment);
    if (!id) return;
    const h = await api("/stats/segments/" + encodeURIComponent(id) + "/history?days=30");
    // Walk back from today's size: the size at the end of each day.
    const sizes = [];
    let size = h.members;
    for (let i = h.days.length - 1; i >= 0; i--) {
      sizes[i] = size;
      size = size - h.days[i].entered + h.days[i].left;
    }
    document.getElementById("segment-history").append(chartPanel("segment-chart", "Size of " + id + " over 30 days"));
    chart(document.getElementById("segment-chart"), {
      data: { labels: h.days.map(d => d.day.slice(5)),
        datasets: [
          { type: "line", label: "members", data: sizes, borderColor: "#2f6fde", yAxisID: "y" },
          { type: "bar", label: "entered", data: h.days.map(d => d.entered), backgroundColor: "#7fb77e", yAxisID: "y" },
          { type: "bar", label: "left", data: h.days.map(d => -d.left), backgroundColor: "#e07a5f", yAxisID: "y" }] },
    });
  },

  async campaigns(selected) {
    const list = (await api("/stats/campaigns")).campaigns;
    page.replaceChildren(el("h1", {}, "Campaigns"),
      table(["campaign", "name", { label: "steps", num: true }], list.map(c => ({ data: c.campaign, cells: [c.campaign, c.name || "", c.steps.length] })),
        id => { location.hash = "#/campaigns/" + encodeURIComponent(id); }),
      el("div", { id: "campaign-funnel" }));
    const campaign = list.find(c => c.campaign === selected) || list[0];
    if (!campaign) return;
    const stats = await api("/stats/campaigns/" + encodeURIComponent(campaign.campaign));
    // A step is reached when it ran (an action) or was decided (a condition or decision).
    const reached = step => ["EXECUTED", "SUPPRESSED", "YES", "NO", "TRIGGERED"].reduce((sum, o) => sum + ((stats.events[step.id] || {})[o] || 0), 0);
    const outcomes = [...new Set(Object.values(stats.events).flatMap(Object.keys))].sort();
    const target = document.getElementById("campaign-funnel");
    target.append(chartPanel("campaign-chart", "Funnel of " + campaign.campaign),
      el("div", { class: "panel" }, el("h2", {}, "Outcomes per step"),
        table(["step", "kind"].concat(outcomes.map(o => ({ label: o.toLowerCase(), num: true }))),
          [{ id: "", kind: "(the campaign)" }].concat(campaign.steps).filter(step => step.id !== "" || stats.events[""])
            .map(step => ({ cells: [step.id || "–", step.kind || step.type].concat(outcomes.map(o => number((stats.events[step.id] || {})[o] || 0))) })))));
    // The funnel starts with the contacts that entered the campaign (its own counts are under the empty step id).
    const entered = (stats.events[""] || {}).ENTERED || 0;
    chart(document.getElementById("campaign-chart"), {
      type: "bar",
      data: { labels: ["entered"].concat(campaign.steps.map(s => s.id)),
        datasets: [{ label: "contacts", data: [entered].concat(campaign.steps.map(reached)), backgroundColor: "#2f6fde" }] },
      options: { indexAxis: "y", plugins: { legend: { display: false } } },
    });
  },

  async emails() {
    const e = (await api("/stats/emails")).emails;
    page.replaceChildren(el("h1", {}, "Emails"),
      table(["email", { label: "sent", num: true }, { label: "delivered", num: true }, { label: "opened", num: true }, { label: "open rate", num: true },
        { label: "clicked", num: true }, { label: "click rate", num: true }, { label: "bounced", num: true }, { label: "bounce rate", num: true },
        { label: "unsubscribed", num: true }, { label: "unsubscribe rate", num: true }, { label: "suppressed", num: true }],
        e.map(x => ({ cells: [x.email, number(x.sent), number(x.delivered), number(x.uniqueOpens), percent(x.openRate), number(x.uniqueClicks),
          percent(x.clickRate), number(x.bounced), percent(x.bounceRate), number(x.unsubscribed), percent(x.unsubscribeRate),
          number(x.suppressed)] }))),
      chartPanel("emails-chart", "Rates per email"));
    chart(document.getElementById("emails-chart"), {
      type: "bar",
      data: { labels: e.map(x => x.email), datasets: [
        { label: "opened", data: e.map(x => 100 * x.openRate), backgroundColor: "#2f6fde" },
        { label: "clicked", data: e.map(x => 100 * x.clickRate), backgroundColor: "#7fb77e" },
        { label: "bounced", data: e.map(x => 100 * x.bounceRate), backgroundColor: "#e07a5f" },
        { label: "unsubscribed", data: e.map(x => 100 * x.unsubscribeRate), backgroundColor: "#b08bd6" }] },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: "%" } } } },
    });
  },
};

async function render() {
  const [, name = "overview", arg] = location.hash.split("/");
  page.dataset.loaded = ""; // set again when this page is shown: what the browser tests wait for
  charts.splice(0).forEach(c => c.destroy());
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === name));
  const show = pages[name] || pages.overview;
  try {
    await show(arg ? decodeURIComponent(arg) : undefined);
    document.getElementById("token-form").hidden = true;
    document.getElementById("refreshed").textContent = "as of " + new Date().toLocaleTimeString();
    page.dataset.loaded = pages[name] ? name : "overview";
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      document.getElementById("token-form").hidden = false;
      page.replaceChildren(el("p", { class: "error", id: "page-error" }, "Sign in with an API token (a read-only one is enough)."));
    } else {
      page.replaceChildren(el("p", { class: "error", id: "page-error" }, "Could not load: " + e.message));
    }
    page.dataset.loaded = "error";
  }
}

document.getElementById("token-form").addEventListener("submit", e => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("token").value);
  render();
});
window.addEventListener("hashchange", render);
render();
