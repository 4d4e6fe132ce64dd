// The Analytics tab (issue 10): the period and filters form, the key figures, and one card per figure, each loaded
// from /api/supervisor/analytics/<figure> with the same filters. The filters live in the address (?from=…&to=…) so a
// reload or a shared link shows the same view.
import { ANALYTICS, figureUrl, getJson } from './api.js';
import { $, announce, count, fill, h, minutes, oneDecimal, percent, score } from './dom.js';
import { FigureCard } from './figure-card.js';
import { FIGURES } from './figures.js';
import { heatmap } from './heatmap.js';

const FILTERS = ['from', 'to', 'channel', 'intent', 'queue', 'agent', 'segment', 'tier'];
const SELECTS = { channel: 'channels', intent: 'intents', queue: 'queues', segment: 'segments', tier: 'tiers' };
const DAY_MS = 86_400_000;

let values = null;
let cards = new Map();
const latest = new Map();
// The newest request per figure: an older answer that arrives later (the filters changed meanwhile) is dropped.
const pending = new Map();

const field = name => $(`filter-${name}`);

export async function initAnalytics() {
  cards = new Map([...document.querySelectorAll('#analytics [data-figure]')].map(article => [article.dataset.figure, new FigureCard(article)]));
  $('analytics-filters').addEventListener('submit', event => {
    event.preventDefault();
    apply();
  });
  $('reset-filters').addEventListener('click', () => {
    setForm({ from: values.defaultFrom, to: values.defaultTo });
    apply();
  });
  $('granularity').addEventListener('change', () => load(['sentiment-over-time'], readForm()));
  $('busiest-measure').addEventListener('change', renderBusiestHours);
  try {
    values = await getJson(`${ANALYTICS}/filters`);
  } catch (e) {
    showError(e.message);
    return;
  }
  for (const [name, key] of Object.entries(SELECTS)) {
    field(name).append(...values[key].map(value => h('option', { value }, value)));
  }
  field('agent').append(...values.agents.map(agent => h('option', { value: String(agent.id) }, agent.name)));
  $('filter-note').textContent = `Days and hours in ${values.timeZone}. At most ${values.maxRangeDays} days; hourly buckets for up to ${values.maxHourlyRangeDays} days.`;
  const fromAddress = Object.fromEntries(FILTERS.map(name => [name, new URLSearchParams(window.location.search).get(name)]).filter(([, v]) => v));
  setForm({ from: values.defaultFrom, to: values.defaultTo, ...fromAddress });
  apply();
}

function setForm(params) {
  for (const name of FILTERS) {
    const input = field(name);
    input.value = params[name] ?? '';
    // A value from an old link that is no longer offered falls back to "all".
    if (input.value !== (params[name] ?? '')) input.value = '';
  }
}

function readForm() {
  const params = Object.fromEntries(FILTERS.map(name => [name, field(name).value]));
  params.granularity = $('granularity').value;
  return params;
}

function apply() {
  const params = readForm();
  if (!params.from || !params.to) return showError('Choose both a first and a last day.');
  const days = Math.round((Date.parse(params.to) - Date.parse(params.from)) / DAY_MS) + 1;
  if (days < 1) return showError('The first day is after the last day.');
  if (days > values.maxRangeDays) return showError(`Choose at most ${values.maxRangeDays} days.`);
  const hourly = $('granularity').querySelector('option[value="hour"]');
  hourly.disabled = days > values.maxHourlyRangeDays;
  if (hourly.disabled && $('granularity').value === 'hour') $('granularity').value = 'day';
  showError(null);
  const query = new URLSearchParams(Object.entries(params).filter(([name, v]) => v && FILTERS.includes(name)));
  history.replaceState(null, '', `?${query}#analytics`);
  load([...cards.keys()], readForm());
}

async function load(figures, params) {
  const { granularity, ...filters } = params;
  const requests = figures.map(figure => {
    const request = {};
    pending.set(figure, request);
    return [figure, request];
  });
  const current = ([figure, request]) => pending.get(figure) === request;
  await Promise.all(requests.map(async ([figure, request]) => {
    const card = cards.get(figure);
    const extra = figure === 'sentiment-over-time' ? { granularity } : {};
    card.loading(figureUrl(figure, filters, { ...extra, format: 'csv' }));
    try {
      const data = await getJson(figureUrl(figure, filters, extra));
      if (!current([figure, request])) return;
      latest.set(figure, data);
      if (figure === 'busiest-hours') renderBusiestHours();
      else card.render(FIGURES[figure](data));
    } catch (e) {
      if (!current([figure, request])) return;
      latest.delete(figure);
      card.failed(e.message);
      if (e.status === 400) showError(e.message);
    }
  }));
  if (requests.every(current)) {
    renderKpis();
    announce(`Analytics updated for ${params.from} to ${params.to}.`);
  }
}

function renderBusiestHours() {
  const data = latest.get('busiest-hours');
  if (!data) return;
  const measure = $('busiest-measure').value;
  cards.get('busiest-hours').render({
    empty: data.cells.every(c => c[measure] === 0),
    chart: null,
    extra: heatmap(data, measure),
    table: null,
  });
}

function renderKpis() {
  const containment = latest.get('containment');
  const escalations = latest.get('escalations');
  const csat = latest.get('csat');
  const times = latest.get('handling-times');
  const sentiment = latest.get('sentiment-over-time');
  const messages = sentiment?.buckets.reduce((sum, b) => sum + b.messages, 0) ?? 0;
  const meanScore = messages === 0 ? null : sentiment.buckets.reduce((sum, b) => sum + (b.averageScore ?? 0) * b.messages, 0) / messages;
  const kpi = (id, label, value, detail) => h('li', { className: 'kpi', dataset: { kpi: id } },
    h('span', { className: 'kpi-label' }, label), h('span', { className: 'kpi-value' }, value), h('span', { className: 'kpi-detail' }, detail));
  fill($('kpis'),
    kpi('conversations', 'Conversations', count(containment?.conversations), `${count(messages)} customer messages`),
    kpi('containment', 'Handled by the bot alone', percent(containment?.rate), `${count(containment?.contained)} conversations`),
    kpi('escalation', 'Escalated', percent(escalations?.rate), `${count(escalations?.escalations)} escalations`),
    kpi('sentiment', 'Mean sentiment', score(meanScore), 'from −1 to +1'),
    kpi('csat', 'Satisfaction', csat?.average == null ? '–' : `${oneDecimal(csat.average)} / 5`, `${count(csat?.rated)} ratings, ${percent(csat?.responseRate)} answered`),
    kpi('wait', 'Average wait', minutes(times?.all.averageWaitSeconds), `longest ${minutes(times?.all.longestWaitSeconds)}`),
    kpi('handle', 'Average handle time', minutes(times?.all.averageHandleSeconds), `${count(times?.all.handled)} handled`));
}

function showError(message) {
  const box = $('analytics-error');
  box.textContent = message || '';
  box.hidden = !message;
}
