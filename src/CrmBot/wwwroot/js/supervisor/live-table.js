// The live list: filters (sent to the server, and applied the same way to live updates), sortable columns, one row
// per active conversation. Waiting and handle times count on from the server's timestamps.
import { h, score, label, duration, clock, humanize, ownerText } from './live-dom.js';
import { sparkline } from './sparkline.js';

const COLUMNS = [
  { key: 'customer', title: 'Customer', value: r => r.customer.toLowerCase() },
  { key: 'channel', title: 'Channel', value: r => r.channel },
  { key: 'intent', title: 'Current intent', value: r => r.intent || '' },
  { key: 'owner', title: 'Owner', value: r => ownerText(r.owner).toLowerCase() },
  { key: 'sentiment', title: 'Sentiment', value: r => r.sentiment },
  { key: 'trend', title: 'Trend' },
  { key: 'waiting', title: 'Waiting', value: (r, now) => waiting(r, now) ?? -1 },
  { key: 'handle', title: 'Handle time', value: (r, now) => handle(r, now) ?? -1 },
  { key: 'lastActivity', title: 'Last message', value: r => Date.parse(r.lastActivityAt) },
];

function waiting(row, now) {
  const e = row.escalation;
  return e && !e.acceptedAt ? (now - Date.parse(e.createdAt)) / 1000 : null;
}

function handle(row, now) {
  const e = row.escalation;
  return e && e.status === 'Active' && e.acceptedAt ? (now - Date.parse(e.acceptedAt)) / 1000 : null;
}

export function matches(row, filter) {
  if (filter.channel && row.channel !== filter.channel) return false;
  if (filter.sentimentBelow != null && !(row.sentiment < filter.sentimentBelow)) return false;
  if (filter.escalatedOnly && row.status !== 'Escalated') return false;
  switch (filter.owner) {
    case '': case null: case undefined: return true;
    case 'bot': return row.status !== 'Escalated';
    case 'waiting': return row.status === 'Escalated' && (row.owner.kind === 'Waiting' || row.owner.kind === 'Offered');
    case 'agent': return row.owner.kind === 'Agent';
    default: return String(row.owner.agentId) === String(filter.owner) && (row.owner.kind === 'Agent' || row.owner.kind === 'Offered');
  }
}

export function createTable(root, { onFilter, onOpen }) {
  const rows = new Map();
  let sort = { key: 'sentiment', ascending: true };
  let threshold = null;
  let skew = 0; // server clock minus this browser's, so times count from the server's view

  const channel = h('select', { id: 'live-filter-channel', name: 'channel' }, h('option', { value: '' }, 'All channels'));
  const owner = h('select', { id: 'live-filter-owner', name: 'owner' },
    h('option', { value: '' }, 'Anyone'), h('option', { value: 'bot' }, 'Bot'),
    h('option', { value: 'waiting' }, 'Waiting for an agent'), h('option', { value: 'agent' }, 'Any agent'));
  const below = h('input', { id: 'live-filter-below', name: 'sentimentBelow', type: 'number', min: '-1', max: '1', step: '0.1', placeholder: 'any' });
  const escalated = h('input', { id: 'live-filter-escalated', name: 'escalatedOnly', type: 'checkbox' });
  const form = h('form', { className: 'live-filters', 'aria-label': 'Filter conversations', onsubmit: e => e.preventDefault(), onchange: () => onFilter(filter()) },
    h('label', {}, 'Channel ', channel),
    h('label', {}, 'Owner ', owner),
    h('label', {}, 'Sentiment below ', below),
    h('label', { className: 'check' }, escalated, ' Escalated only'));
  const summary = h('p', { className: 'live-summary', id: 'live-summary', role: 'status' });
  const head = h('tr', {});
  const body = h('tbody', { id: 'live-rows' });
  const table = h('table', { className: 'live-table', id: 'live-table' }, h('caption', { className: 'visually-hidden' }, 'Active conversations'), h('thead', {}, head), body);
  root.append(h('div', { className: 'live-toolbar' }, form, summary), h('div', { className: 'live-table-wrap' }, table));

  function filter() {
    const value = below.value.trim();
    return { channel: channel.value, owner: owner.value, sentimentBelow: value === '' ? null : Number(value), escalatedOnly: escalated.checked };
  }

  function renderHead() {
    head.replaceChildren(...COLUMNS.map(column => {
      if (!column.value) return h('th', { scope: 'col' }, column.title);
      const active = sort.key === column.key;
      return h('th', { scope: 'col', 'aria-sort': active ? (sort.ascending ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', className: 'sort', dataset: { sort: column.key }, onclick: () => {
          sort = { key: column.key, ascending: active ? !sort.ascending : column.key !== 'lastActivity' && column.key !== 'waiting' && column.key !== 'handle' };
          render();
        } }, column.title, h('span', { 'aria-hidden': 'true', className: 'sort-mark' }, active ? (sort.ascending ? ' ▲' : ' ▼') : '')));
    }));
  }

  function timesOf(tr, row, now) {
    tr.querySelector('.waiting').textContent = duration(waiting(row, now));
    tr.querySelector('.handle').textContent = duration(handle(row, now));
  }

  function rowElement(row, now) {
    const alerting = row.alert && !row.alert.cleared;
    const tr = h('tr', { dataset: { conversationId: row.id, owner: row.owner.kind }, className: alerting ? 'alerting' : '' },
      h('td', { className: 'customer' }, h('span', { className: 'name' }, row.customer), row.tier ? h('span', { className: 'tier tier-' + row.tier.toLowerCase() }, row.tier) : null),
      h('td', { className: 'channel' }, row.channel),
      h('td', { className: 'intent' }, row.intent ? humanize(row.intent) : '–'),
      h('td', { className: 'owner owner-' + row.owner.kind.toLowerCase() }, ownerText(row.owner)),
      h('td', { className: 'sentiment' }, h('span', { className: 'chip ' + label(row.sentiment) }, score(row.sentiment)), alerting ? h('span', { className: 'alert-mark', title: 'Alert raised' }, ' ⚠') : null),
      h('td', { className: 'trend' }, sparkline(row.trend, threshold)),
      h('td', { className: 'waiting' }),
      h('td', { className: 'handle' }),
      h('td', { className: 'last' }, h('time', { datetime: row.lastActivityAt }, clock(row.lastActivityAt))),
      h('td', { className: 'open' }, h('button', { type: 'button', className: 'open-transcript', onclick: () => onOpen(row.id) }, 'Open')));
    timesOf(tr, row, now);
    return tr;
  }

  function render() {
    const now = Date.now() + skew;
    const column = COLUMNS.find(c => c.key === sort.key);
    const sorted = [...rows.values()].sort((a, b) => {
      const x = column.value(a, now);
      const y = column.value(b, now);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.ascending ? order : -order;
    });
    renderHead();
    body.replaceChildren(...(sorted.length ? sorted.map(row => rowElement(row, now))
      : [h('tr', {}, h('td', { colspan: String(COLUMNS.length + 1), className: 'none' }, 'No active conversations match.'))]));
    const alerting = sorted.filter(r => r.alert && !r.alert.cleared).length;
    summary.textContent = `${sorted.length} active conversation${sorted.length === 1 ? '' : 's'}` + (alerting ? `, ${alerting} with an alert` : '');
  }

  setInterval(() => {
    const now = Date.now() + skew;
    for (const tr of body.querySelectorAll('tr[data-conversation-id]')) {
      const row = rows.get(tr.dataset.conversationId);
      if (row) timesOf(tr, row, now);
    }
  }, 1000);

  return {
    filter,
    load(view) {
      skew = Date.parse(view.asOf) - Date.now();
      threshold = view.settings.alertThreshold;
      const current = channel.value;
      channel.replaceChildren(h('option', { value: '' }, 'All channels'), ...view.channels.map(c => h('option', { value: c }, c)));
      if (current && !view.channels.includes(current)) channel.append(h('option', { value: current }, current));
      channel.value = current;
      rows.clear();
      for (const row of view.conversations) rows.set(row.id, row);
      render();
    },
    agents(list) {
      const current = owner.value;
      owner.querySelectorAll('option[data-agent]').forEach(o => o.remove());
      for (const agent of list) owner.append(h('option', { value: String(agent.id), dataset: { agent: '1' } }, agent.displayName));
      owner.value = current;
    },
    update(row, active) {
      if (active && matches(row, filter())) rows.set(row.id, row);
      else rows.delete(row.id);
      if (active && ![...channel.options].some(o => o.value === row.channel)) channel.append(h('option', { value: row.channel }, row.channel));
      render();
    },
    row: id => rows.get(id),
  };
}
