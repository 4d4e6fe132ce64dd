// Conversation review for supervisors (issue 10): search transcripts, read one with what the models made of each
// customer message, and correct a message's intent or sentiment for the next `train`. Mounts itself into
// <section id="review"> wherever a page has one (the supervisor dashboard) and does nothing elsewhere. The API is
// src/CrmBot/Review/ReviewEndpoints.cs. Text from the store reaches the page only as text nodes (textContent), never
// as markup: customers type anything, "<img onerror=…>" included.

import { h } from '../shared/elements.js';

const API = '/api/review';
const PAGE_SIZE = 20;
const STYLESHEET = '/css/review.css';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
const score = new Intl.NumberFormat('en-GB', { signDisplay: 'always', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const state = { labels: { intents: [], sentiments: [] }, token: '', query: new URLSearchParams(), page: 1, selected: null, searches: 0, reading: 0 };
const ui = {};

class ReviewError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ReviewError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 401) {
    window.location.assign('/login?ReturnUrl=' + encodeURIComponent(window.location.pathname));
    throw new ReviewError(401, 'Your session has ended. Please sign in again.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const field = problem.errors ? Object.values(problem.errors).flat()[0] : null;
    throw new ReviewError(response.status, field || problem.detail || problem.title || `The request failed (${response.status}).`);
  }
  return response.status === 204 ? null : response.json();
}

function status(text, kind = 'info') {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function sentimentClass(value) {
  if (value === null || value === undefined) return 'neutral';
  return value <= -0.5 ? 'negative' : value < 0.2 ? 'neutral' : 'positive';
}

function options(values, selected, blank) {
  return [blank === undefined ? null : h('option', { value: '' }, blank), ...values.map(v => h('option', { value: v, selected: v === selected }, v))];
}

// ---- search ------------------------------------------------------------------------------------------------------

function buildForm() {
  const field = (label, control) => h('label', { class: 'review-field' }, h('span', {}, label), control);
  ui.text = h('input', { type: 'search', name: 'text', maxLength: 200, placeholder: 'Words in any message' });
  ui.customer = h('input', { type: 'search', name: 'customer', placeholder: 'Name, email or id' });
  ui.intent = h('select', { name: 'intent' });
  ui.sentimentMin = h('input', { type: 'number', name: 'sentimentMin', min: -1, max: 1, step: 0.1, placeholder: '-1' });
  ui.sentimentMax = h('input', { type: 'number', name: 'sentimentMax', min: -1, max: 1, step: 0.1, placeholder: '1' });
  ui.escalated = h('select', { name: 'escalated' }, h('option', { value: '' }, 'Any'), h('option', { value: 'true' }, 'Handed to a person'), h('option', { value: 'false' }, 'Bot only'));
  ui.channel = h('select', { name: 'channel' }, h('option', { value: '' }, 'Any'), h('option', { value: 'directline' }, 'Web chat'), h('option', { value: 'msteams' }, 'Teams'));
  ui.from = h('input', { type: 'date', name: 'from' });
  ui.to = h('input', { type: 'date', name: 'to' });
  ui.form = h('form', { class: 'review-search', role: 'search', onsubmit: onSearch, onreset: onClear },
    field('Text', ui.text),
    field('Customer', ui.customer),
    field('Intent', ui.intent),
    h('fieldset', { class: 'review-range' }, h('legend', {}, 'Sentiment of a customer message'),
      field('from', ui.sentimentMin), field('to', ui.sentimentMax)),
    field('Escalated', ui.escalated),
    field('Channel', ui.channel),
    h('fieldset', { class: 'review-range' }, h('legend', {}, 'Started'), field('from', ui.from), field('to (inclusive)', ui.to)),
    h('div', { class: 'review-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search'), h('button', { type: 'reset' }, 'Clear')));
  return ui.form;
}

function readQuery() {
  const query = new URLSearchParams();
  const put = (name, value) => { if (value !== '' && value !== null && value !== undefined) query.set(name, value); };
  put('text', ui.text.value.trim());
  const who = ui.customer.value.trim();
  put(/^\d+$/.test(who) ? 'customerId' : 'customer', who);
  put('intent', ui.intent.value);
  put('sentimentMin', ui.sentimentMin.value);
  put('sentimentMax', ui.sentimentMax.value);
  put('escalated', ui.escalated.value);
  put('channel', ui.channel.value);
  // Dates are the supervisor's days; the API's range ends before "to", so the chosen last day is included.
  if (ui.from.value) put('from', new Date(ui.from.value + 'T00:00:00').toISOString());
  if (ui.to.value) {
    const end = new Date(ui.to.value + 'T00:00:00');
    end.setDate(end.getDate() + 1);
    put('to', end.toISOString());
  }
  return query;
}

function onSearch(event) {
  event.preventDefault();
  state.query = readQuery();
  search(1);
}

function onClear() {
  state.query = new URLSearchParams();
  // The form's fields are emptied after this handler; the search needs none of them.
  search(1);
}

async function search(page) {
  const query = new URLSearchParams(state.query);
  query.set('page', page);
  query.set('pageSize', PAGE_SIZE);
  // Only the latest search may fill the list: an earlier, slower answer must not overwrite it.
  const ticket = ++state.searches;
  status('Searching…');
  ui.results.setAttribute('aria-busy', 'true');
  try {
    const result = await api(`${API}/conversations?${query}`);
    if (ticket !== state.searches) return;
    state.page = result.page;
    showResults(result);
    status(result.total === 0 ? 'No conversations match.' : `${result.total.toLocaleString('en-GB')} conversation${result.total === 1 ? '' : 's'} found.`);
  } catch (e) {
    if (ticket === state.searches) status(e.message, 'error');
  } finally {
    if (ticket === state.searches) ui.results.removeAttribute('aria-busy');
  }
}

function showResults({ page, pageSize, total, conversations }) {
  const rows = conversations.map(c => {
    const open = h('button', { type: 'button', class: 'link review-open', onclick: () => openTranscript(c.id) }, when.format(new Date(c.startedAt)));
    const lowest = c.lowestSentiment;
    return h('tr', { dataset: { id: c.id }, class: c.id === state.selected ? 'selected' : '' },
      h('td', {}, open),
      h('td', {}, c.customerName || 'Guest'),
      h('td', {}, c.topic || '—'),
      h('td', {}, h('span', { class: `review-sentiment ${sentimentClass(lowest)}`, title: 'Most negative customer message' }, lowest === null ? '—' : score.format(lowest))),
      h('td', {}, c.escalated ? h('span', { class: 'review-badge' }, 'Escalated') : ''),
      h('td', { class: 'review-snippet' }, c.match || c.firstMessage || ''));
  });
  ui.resultRows.replaceChildren(...rows);
  ui.resultsTable.hidden = conversations.length === 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  ui.pageInfo.textContent = `Page ${page} of ${pages}`;
  ui.previous.disabled = page <= 1;
  ui.next.disabled = page >= pages;
  ui.pager.hidden = total <= pageSize;
}

// ---- transcript --------------------------------------------------------------------------------------------------

async function openTranscript(id) {
  state.selected = id;
  const ticket = ++state.reading;
  for (const row of ui.resultRows.querySelectorAll('tr')) row.classList.toggle('selected', row.dataset.id === id);
  ui.transcript.replaceChildren(h('p', { class: 'review-empty' }, 'Loading the conversation…'));
  try {
    const transcript = await api(`${API}/conversations/${encodeURIComponent(id)}`);
    if (ticket === state.reading) showTranscript(transcript);
  } catch (e) {
    if (ticket === state.reading) ui.transcript.replaceChildren(h('p', { class: 'review-error', role: 'alert' }, e.message));
  }
}

function showTranscript(t) {
  const facts = h('dl', { class: 'review-facts' },
    h('dt', {}, 'Customer'), h('dd', {}, t.customerName ? `${t.customerName}${t.customerTier ? ` (${t.customerTier})` : ''}` : 'Guest'),
    h('dt', {}, 'Channel'), h('dd', {}, t.channel === 'msteams' ? 'Teams' : 'Web chat'),
    h('dt', {}, 'Started'), h('dd', {}, when.format(new Date(t.startedAt))),
    h('dt', {}, 'Topic'), h('dd', {}, t.topic || '—'),
    h('dt', {}, 'Sentiment'), h('dd', {}, h('span', { class: `review-sentiment ${sentimentClass(t.sentiment)}` }, score.format(t.sentiment))));
  const escalations = t.escalations.map(e => h('li', { class: 'review-escalation' },
    h('strong', {}, e.reference), ` · ${e.reason} · ${e.queue} · ${e.status}`,
    e.agentName ? ` · ${e.agentName}` : '', e.disposition ? ` · ${e.disposition}` : '', e.csat ? ` · rated ${e.csat}/5` : '',
    h('div', { class: 'review-detail' }, e.reasonDetail)));
  ui.transcript.replaceChildren(...[
    h('h3', {}, 'Transcript'), facts,
    escalations.length ? h('ul', { class: 'review-escalations', 'aria-label': 'Escalations' }, escalations) : null,
    h('ol', { class: 'review-messages' }, t.messages.map(message)),
  ].filter(Boolean));
  ui.transcript.focus({ preventScroll: true });
}

function message(m) {
  const author = m.author.toLowerCase();
  const label = author === 'customer' ? (m.authorName || 'Customer') : author === 'agent' ? (m.authorName || 'Agent') : author === 'bot' ? 'Bot' : 'System';
  const item = h('li', { class: `review-message ${author}`, dataset: { messageId: m.id } },
    h('div', { class: 'review-meta' }, h('span', { class: 'review-author' }, label), ' ', h('time', { dateTime: m.at }, when.format(new Date(m.at))),
      m.handledBy && author !== 'customer' ? h('span', { class: 'review-handled' }, m.handledBy) : null),
    h('p', { class: 'review-text' }, m.text));
  if (author === 'customer') item.append(annotations(m, item));
  return item;
}

function annotations(m, item) {
  const box = h('div', { class: 'review-labels' });
  const render = () => {
    const c = m.correction;
    box.replaceChildren(...[
      h('span', { class: 'review-chip intent', title: 'Intent the model gave' }, m.intent ?? '—', m.confidence === null ? '' : ` · ${percent.format(m.confidence)}`),
      h('span', { class: `review-chip sentiment ${sentimentClass(m.sentimentScore)}`, title: 'Sentiment the model gave' }, `${m.sentimentLabel ?? '—'} ${m.sentimentScore === null ? '' : score.format(m.sentimentScore)}`),
      c ? h('span', { class: 'review-corrected' }, `Corrected${c.intent ? ` to ${c.intent}` : ''}${c.intent && c.sentimentLabel ? ',' : ''}${c.sentimentLabel ? ` ${c.sentimentLabel}` : ''} by ${c.by}, ${when.format(new Date(c.at))}`) : null,
      h('button', { type: 'button', class: 'link review-correct', onclick: () => openCorrection(m, item, render) }, c ? 'Correct again' : 'Correct'),
    ].filter(Boolean));
  };
  render();
  return box;
}

function openCorrection(m, item, render) {
  item.querySelector('.review-correction')?.remove();
  const intent = h('select', { name: 'intent' }, options(state.labels.intents, m.correction?.intent ?? m.intent));
  const sentiment = h('select', { name: 'sentiment' }, options(state.labels.sentiments, m.correction?.sentimentLabel ?? m.sentimentLabel));
  const error = h('p', { class: 'review-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'review-correction', 'aria-label': 'Correct this message' },
    h('label', { class: 'review-field' }, h('span', {}, 'Intent'), intent),
    h('label', { class: 'review-field' }, h('span', {}, 'Sentiment'), sentiment),
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
    h('button', { type: 'button', onclick: () => form.remove() }, 'Cancel'),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    // Only what the reviewer changed is sent: keeping the model's label is not a correction of it.
    const body = {};
    if (intent.value !== (m.correction?.intent ?? m.intent)) body.intent = intent.value;
    if (sentiment.value !== (m.correction?.sentimentLabel ?? m.sentimentLabel)) body.sentiment = sentiment.value;
    if (Object.keys(body).length === 0) {
      error.textContent = 'Change the intent or the sentiment first.';
      error.hidden = false;
      return;
    }
    for (const control of form.elements) control.disabled = true;
    try {
      const saved = await api(`${API}/messages/${encodeURIComponent(m.id)}/corrections`, { method: 'POST', body });
      m.correction = {
        intent: saved.intent ?? m.correction?.intent ?? null,
        sentimentLabel: saved.sentimentLabel ?? m.correction?.sentimentLabel ?? null,
        by: saved.by,
        at: saved.at,
      };
      form.remove();
      render();
      status('Correction saved; the next training run learns from it.');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      for (const control of form.elements) control.disabled = false;
    }
  });
  item.append(form);
  intent.focus();
}

// ---- mount -------------------------------------------------------------------------------------------------------

async function mount(section) {
  if (!document.querySelector(`link[href="${STYLESHEET}"]`)) {
    document.head.append(h('link', { rel: 'stylesheet', href: STYLESHEET }));
  }
  section.classList.add('review');
  ui.status = h('p', { class: 'review-status', role: 'status', 'aria-live': 'polite' });
  ui.resultRows = h('tbody');
  ui.resultsTable = h('table', { class: 'review-table', hidden: true },
    h('caption', { class: 'visually-hidden' }, 'Conversations found, newest first'),
    h('thead', {}, h('tr', {}, ['Started', 'Customer', 'Topic', 'Lowest sentiment', '', 'Message'].map(t => h('th', { scope: 'col' }, t)))),
    ui.resultRows);
  ui.previous = h('button', { type: 'button', onclick: () => search(state.page - 1) }, 'Previous');
  ui.next = h('button', { type: 'button', onclick: () => search(state.page + 1) }, 'Next');
  ui.pageInfo = h('span', { class: 'review-page' });
  ui.pager = h('nav', { class: 'review-pager', 'aria-label': 'Result pages', hidden: true }, ui.previous, ui.pageInfo, ui.next);
  ui.results = h('div', { class: 'review-results' }, ui.resultsTable, ui.pager);
  ui.transcript = h('article', { class: 'review-transcript', tabIndex: -1, 'aria-label': 'Transcript' },
    h('p', { class: 'review-empty' }, 'Choose a conversation to read it and correct how its messages were understood.'));
  section.replaceChildren(
    h('h2', {}, 'Conversation review'),
    buildForm(),
    ui.status,
    h('div', { class: 'review-body' }, ui.results, ui.transcript));
  try {
    const labels = await api(`${API}/labels`);
    state.labels = labels;
    state.token = labels.antiforgeryToken;
    ui.intent.replaceChildren(...options(labels.intents, '', 'Any'));
  } catch (e) {
    status(e.message, 'error');
    return;
  }
  await search(1);
}

function start() {
  const section = document.getElementById('review');
  if (section) mount(section);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
