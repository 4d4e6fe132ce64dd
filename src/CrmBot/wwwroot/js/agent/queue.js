// The two lists on the left, "My conversations" and "Waiting in my queues": loading, rendering, and applying the
// summaries that actions and hub events bring. Their buttons are wired once per list in actions.js.
import { api } from './api.js';
import { announce, cssToken, fill, h, notify, sentimentBadge, since, ui } from './dom.js';
// conversation.js imports renderQueue from here too; the cycle is safe because both sides only call each other's
// function declarations after start-up, never while the modules are evaluated.
import { renderHead, select } from './conversation.js';
import { state } from './state.js';

const BURST_MS = 150;
// Longer than a burst: a customer writing several lines in a row costs one refetch, after the last of them.
const CUSTOMER_MESSAGE_MS = 1000;

let queueRefresh = 0;
export function scheduleQueueRefresh() {
  clearTimeout(queueRefresh);
  queueRefresh = setTimeout(loadQueue, BURST_MS); // several hub events in a burst cost one request
}

let messageRefresh = 0;
function scheduleQueueRefreshAfterCustomerMessage() {
  clearTimeout(messageRefresh);
  messageRefresh = setTimeout(loadQueue, CUSTOMER_MESSAGE_MS);
}

export async function loadQueue() {
  try {
    const queue = await api('/api/agent/queue');
    const known = new Set(state.queue.mine.map(e => e.id));
    const fresh = (queue.mine || []).filter(e => e.status === 'Assigned' && !known.has(e.id));
    state.queue = { mine: queue.mine || [], waiting: queue.waiting || [] };
    renderQueue();
    if (fresh.length) announce(`New conversation assigned to you: ${fresh.map(e => e.customerName || 'Guest').join(', ')}`);
    if (state.selectedId == null && state.queue.mine.length) await select(state.queue.mine[0].id);
  } catch (e) {
    if (e.status !== 401) notify(e.message);
  }
}

export function renderQueue() {
  renderList(ui.mine, state.queue.mine, ui.mineCount, ui.mineEmpty);
  renderList(ui.waiting, state.queue.waiting, ui.waitingCount, ui.waitingEmpty);
  const toAccept = state.queue.mine.filter(e => e.status === 'Assigned').length;
  document.title = (toAccept ? `(${toAccept}) ` : '') + 'Agent console · Brightwave';
}

// Lists are rebuilt on every refresh; keep keyboard focus on the same control of the same escalation.
function renderList(list, items, count, empty) {
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusId = focused?.closest('[data-escalation-id]')?.dataset.escalationId;
  const focusClass = focused?.classList.contains('accept') ? 'accept' : 'open';
  fill(list, items.map(queueItem));
  count.textContent = String(items.length);
  if (list === ui.mine) {
    empty.textContent = state.me?.presence === 'Available'
      ? 'Nothing assigned to you right now. New hand-offs appear here.'
      : 'Nothing assigned to you. Set your status to Available to receive conversations.';
  }
  empty.hidden = items.length > 0;
  if (focusId) list.querySelector(`[data-escalation-id="${CSS.escape(focusId)}"] .${focusClass}`)?.focus();
}

function queueItem(item) {
  const name = item.customerName || 'Guest';
  const timer = item.status === 'Assigned' && item.assignedAt ? since(item.assignedAt, 'assigned ', ' ago')
    : item.status === 'Active' && item.acceptedAt ? since(item.acceptedAt, 'active ')
      : since(item.createdAt, 'waiting ');
  const canAccept = item.status === 'Pending' || item.status === 'Assigned';
  const unread = state.unread.has(item.id);
  return h('li', {
    className: `queue-item status-${cssToken(item.status)}${unread ? ' unread' : ''}`,
    dataset: { escalationId: item.id, reference: item.reference, status: item.status },
    'aria-current': item.id === state.selectedId ? 'true' : null
  },
  h('button', { type: 'button', className: 'open' },
    h('span', { className: 'line' },
      h('strong', { className: 'customer' }, name),
      item.tier ? h('span', { className: `badge tier tier-${cssToken(item.tier)}` }, item.tier) : null,
      unread ? h('span', { className: 'unread-dot', title: 'New message' }, h('span', { className: 'visually-hidden' }, 'New message')) : null,
      sentimentBadge(item.sentimentLabel, item.sentiment)),
    h('span', { className: 'line meta' },
      h('span', { className: 'queue-name' }, item.queue),
      h('span', { className: `priority p${cssToken(item.priority)}`, title: 'Priority (lower is more urgent)' }, `P${item.priority}`),
      item.status === 'Assigned' ? h('span', { className: 'state' }, 'Assigned to you') : null,
      item.status === 'Active' ? h('span', { className: 'state' }, 'Active') : null,
      timer),
    item.lastCustomerMessage ? h('span', { className: 'preview' }, item.lastCustomerMessage) : null),
  canAccept ? h('button', { type: 'button', className: 'accept', 'aria-label': `Accept conversation with ${name}` }, 'Accept') : null);
}

// A customer's message shows in the list at once (preview, unread dot); the refetch brings the server's rolling
// sentiment for the badge, which only the server computes.
export function noteCustomerMessage(escalationId, message) {
  let listed = false;
  for (const list of [state.queue.mine, state.queue.waiting]) {
    const item = list.find(e => e.id === escalationId);
    if (item) {
      listed = true;
      item.lastCustomerMessage = String(message.text || '').slice(0, 200);
      item.lastCustomerMessageAt = message.timestamp;
      if (escalationId !== state.selectedId) state.unread.add(escalationId);
    }
  }
  renderQueue();
  if (listed) scheduleQueueRefreshAfterCustomerMessage();
}

// Apply an EscalationSummary from an action or the hub to the lists and the open conversation.
export function applySummary(summary) {
  if (!summary || summary.id == null) return;
  for (const list of [state.queue.mine, state.queue.waiting]) {
    const index = list.findIndex(e => e.id === summary.id);
    if (index >= 0) list[index] = { ...list[index], ...summary };
  }
  // Leave each list at once when the escalation no longer belongs there; the refetch that follows confirms it.
  state.queue.mine = state.queue.mine.filter(e => e.status === 'Assigned' || e.status === 'Active');
  state.queue.waiting = state.queue.waiting.filter(e => e.status === 'Pending');
  renderQueue();
  if (state.detail && state.detail.escalation.id === summary.id) {
    state.detail.escalation = { ...state.detail.escalation, ...summary };
    renderHead();
  }
}
