// Agent console: the agent's queues, the live transcript of one escalation and the customer's context (issue 4).
// The API and hub events are described in notes/handoff-contract.md. Every piece of customer or server text goes into
// the page as text (createElement / textContent), never as HTML.
(function () {
  'use strict';

  const MAX_REPLY = 2000;
  const TYPING_SEND_EVERY_MS = 3000;
  const TYPING_SHOWN_FOR_MS = 4000;
  const QUEUE_POLL_MS = 15000;
  const ROLES = ['customer', 'bot', 'agent', 'system'];
  const SENTIMENTS = ['negative', 'neutral', 'positive'];
  const DEFAULT_AUTHOR = { customer: 'Customer', bot: 'Assistant', agent: 'Agent', system: 'System' };
  const HANDED_BACK = 'handed-back'; // the disposition the server records for a hand-back
  const CHANNELS = { directline: 'Web chat', webchat: 'Web chat', msteams: 'Teams', cli: 'Terminal' };

  const $ = id => document.getElementById(id);
  const ui = {
    agentName: $('agent-name'), skills: $('agent-skills'), connection: $('connection'), presence: $('presence'),
    signoutToken: $('signout-token'), notice: $('notice'), noticeText: $('notice-text'), noticeClose: $('notice-close'),
    announcer: $('announcer'),
    mine: $('queue-mine'), mineCount: $('mine-count'), mineEmpty: $('mine-empty'),
    waiting: $('queue-waiting'), waitingCount: $('waiting-count'), waitingEmpty: $('waiting-empty'),
    placeholder: $('conversation-placeholder'), conversation: $('conversation'), title: $('conversation-title'),
    meta: $('conversation-meta'), status: $('conversation-status'),
    accept: $('accept'), handback: $('handback'), resolve: $('resolve'),
    resolveForm: $('resolve-form'), disposition: $('disposition'), resolveNote: $('resolve-note'), resolveCancel: $('resolve-cancel'),
    closedBanner: $('closed-banner'), transcript: $('transcript'), typing: $('typing'),
    replyForm: $('reply-form'), reply: $('reply'), replyHint: $('reply-hint'), replyCount: $('reply-count'), send: $('send'),
    profileBody: $('profile-body'), reason: $('reason'), reasonBody: $('reason-body'),
    suggestions: $('suggestions'), suggestionsEmpty: $('suggestions-empty')
  };

  const state = {
    me: null,
    queue: { mine: [], waiting: [] },
    selectedId: null,
    detail: null,
    loadingDetail: false,
    earlyMessages: [], // hub messages for the selected escalation that arrive while its transcript is loading
    unread: new Set(),
    handedBack: new Set(),
    drafts: new Map(),
    lastTypingSentAt: 0,
    sending: false,
    clockOffsetMs: 0 // server clock minus ours, from the Date header, so waiting times match the server's
  };

  // ---- small helpers -------------------------------------------------------------------------------------------

  // createElement with attributes and text/element children; strings always become text nodes.
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (name === 'className') node.className = value;
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // replaceChildren with h()'s rules: null and false are skipped instead of becoming the text "null".
  function fill(node, ...children) {
    node.replaceChildren(...children.flat().filter(child => child != null && child !== false));
  }

  const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
  const dayAndTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
  const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

  const now = () => Date.now() + state.clockOffsetMs;

  function formatTime(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return date.toDateString() === new Date(now()).toDateString() ? timeOnly.format(date) : dayAndTime.format(date);
  }

  function formatDate(iso) {
    return iso ? dateOnly.format(new Date(iso)) : '';
  }

  function formatDuration(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    if (seconds < 60) return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
    const hours = Math.floor(minutes / 60);
    return hours < 24 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
  }

  // "CustomerRequest" -> "Customer request"
  function humanize(value) {
    const words = String(value || '').replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function initials(name) {
    return String(name || '?').split(/\s+/).filter(Boolean).map(part => part[0]).join('').slice(0, 2).toUpperCase();
  }

  const cssToken = value => String(value || '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

  function signed(score) {
    return (score > 0 ? '+' : score < 0 ? '−' : '') + Math.abs(score).toFixed(2);
  }

  function sentimentBadge(label, score) {
    const known = SENTIMENTS.includes(label) ? label : 'neutral';
    const text = typeof score === 'number' ? `${label || known} ${signed(score)}` : (label || known);
    return h('span', { className: `badge sentiment ${known}`, title: 'Customer sentiment' }, text);
  }

  // A live duration, ticked every second by tick(): "waiting 1m 04s", "assigned 12s ago".
  function since(iso, prefix, suffix = '') {
    const node = h('time', { className: 'since', datetime: iso, dataset: { since: iso, prefix, suffix } });
    node.textContent = prefix + formatDuration(now() - Date.parse(iso)) + suffix;
    return node;
  }

  function tick() {
    for (const node of document.querySelectorAll('[data-since]')) {
      node.textContent = node.dataset.prefix + formatDuration(now() - Date.parse(node.dataset.since)) + node.dataset.suffix;
    }
  }

  let noticeTimer = 0;
  function notify(message, kind = 'error') {
    ui.noticeText.textContent = message;
    ui.notice.dataset.kind = kind;
    ui.notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    ui.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { ui.notice.hidden = true; }, kind === 'error' ? 12000 : 5000);
  }

  function announce(message) {
    ui.announcer.textContent = message;
  }

  // ---- the API -------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function goToLogin() {
    window.location.assign('/login?ReturnUrl=' + encodeURIComponent('/agent'));
  }

  async function api(path, { method = 'GET', body } = {}) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && state.me) headers['X-CSRF-TOKEN'] = state.me.antiforgeryToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
    }
    if (response.status === 401 || (response.redirected && new URL(response.url).pathname === '/login')) {
      goToLogin();
      throw new ApiError(401, 'Your session has ended. Please sign in again.');
    }
    const serverDate = Date.parse(response.headers.get('Date') || '');
    if (!Number.isNaN(serverDate) && method === 'GET') state.clockOffsetMs = serverDate - Date.now();
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new ApiError(response.status, problem.detail || problem.title || `The request failed (${response.status}).`);
    }
    if (response.status === 204) return null;
    return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : null;
  }

  const escalationPath = (id, action = '') => `/api/agent/escalations/${encodeURIComponent(id)}${action ? '/' + action : ''}`;

  // ---- me, presence --------------------------------------------------------------------------------------------

  async function loadMe() {
    const me = await api('/api/agent/me');
    state.me = me;
    ui.agentName.textContent = me.displayName;
    ui.agentName.title = me.email || '';
    fill(ui.skills, ...(me.skills || []).map(skill => h('li', {}, skill)));
    ui.signoutToken.value = me.antiforgeryToken || '';
    fill(ui.disposition, ...(me.dispositions || []).map(d => h('option', { value: d.value }, d.label)));
    showPresence(me.presence);
    ui.presence.disabled = false;
  }

  function showPresence(presence) {
    ui.presence.value = presence;
    ui.presence.dataset.presence = presence;
  }

  async function changePresence() {
    const previous = state.me.presence;
    const presence = ui.presence.value;
    ui.presence.disabled = true;
    try {
      await api('/api/agent/presence', { method: 'POST', body: { presence } });
      state.me.presence = presence;
      showPresence(presence);
      announce(`Status set to ${presence}`);
      await loadQueue();
    } catch (e) {
      showPresence(previous);
      notify(e.message);
    } finally {
      ui.presence.disabled = false;
    }
  }

  // ---- queues --------------------------------------------------------------------------------------------------

  let queueRefresh = 0;
  function scheduleQueueRefresh() {
    clearTimeout(queueRefresh);
    queueRefresh = setTimeout(loadQueue, 150); // several hub events in a burst cost one request
  }

  async function loadQueue() {
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

  function renderQueue() {
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
    h('button', { type: 'button', className: 'open', onclick: () => select(item.id) },
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
    canAccept ? h('button', { type: 'button', className: 'accept', onclick: () => accept(item.id), 'aria-label': `Accept conversation with ${name}` }, 'Accept') : null);
  }

  // Apply an EscalationSummary from an action or the hub to the lists and the open conversation.
  function applySummary(summary) {
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

  // ---- one conversation ----------------------------------------------------------------------------------------

  async function select(id) {
    if (state.selectedId != null && state.selectedId !== id) state.drafts.set(state.selectedId, ui.reply.value);
    const changed = state.selectedId !== id;
    state.selectedId = id;
    state.unread.delete(id);
    history.replaceState(null, '', '#' + id);
    renderQueue();
    if (changed) {
      ui.reply.value = state.drafts.get(id) || '';
      updateCount();
      closeResolveForm();
      ui.typing.hidden = true;
    }
    await loadDetail(id);
  }

  async function loadDetail(id) {
    state.loadingDetail = true;
    state.earlyMessages = [];
    try {
      const detail = await api(escalationPath(id));
      if (state.selectedId !== id) return;
      state.detail = detail;
      renderDetail();
      state.earlyMessages.forEach(appendMessage);
    } catch (e) {
      if (e.status !== 401) notify(e.message);
    } finally {
      state.loadingDetail = false;
      state.earlyMessages = [];
    }
  }

  function renderDetail() {
    const { transcript, profile, suggestions } = state.detail;
    ui.placeholder.hidden = true;
    ui.conversation.hidden = false;
    fill(ui.transcript, (transcript || []).map(messageItem));
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
    renderHead();
    renderProfile(profile);
    renderReason(state.detail.escalation);
    renderSuggestions(suggestions || []);
  }

  const isMine = escalation => escalation.agentName === state.me.displayName
    || state.queue.mine.some(e => e.id === escalation.id);

  function canReply() {
    const escalation = state.detail?.escalation;
    return !!escalation && escalation.status === 'Active' && isMine(escalation) && !isHandedBack(escalation);
  }

  const isHandedBack = e => e.disposition === HANDED_BACK || state.handedBack.has(e.id);

  function renderHead() {
    const e = state.detail.escalation;
    const closed = e.status === 'Resolved' || e.status === 'Abandoned' || isHandedBack(e);
    const activeElsewhere = e.status === 'Active' && !isMine(e);
    const replying = canReply();

    ui.title.textContent = e.customerName || 'Guest';
    fill(ui.meta, 
      h('span', { className: 'reference' }, e.reference),
      h('span', {}, `${humanize(e.queue)} queue`),
      h('span', {}, `Priority ${e.priority}`),
      h('span', {}, CHANNELS[e.channel] || humanize(e.channel)));

    const statusText = isHandedBack(e) ? 'Handed back' : e.status === 'Assigned' ? 'Waiting for you to accept' : e.status;
    ui.status.textContent = statusText;
    ui.status.dataset.status = isHandedBack(e) ? 'handedback' : cssToken(e.status);

    ui.accept.hidden = !(e.status === 'Pending' || e.status === 'Assigned') || closed;
    ui.handback.hidden = !replying;
    ui.resolve.hidden = !replying;
    if (!replying) closeResolveForm();

    ui.closedBanner.hidden = !(closed || activeElsewhere);
    ui.closedBanner.textContent = closed ? closedText(e) : activeElsewhere ? `${e.agentName || 'Another agent'} is handling this conversation.` : '';

    ui.replyForm.hidden = closed;
    ui.reply.disabled = !replying;
    ui.send.disabled = !replying || state.sending;
    ui.replyHint.textContent = replying ? 'Enter sends · Shift+Enter new line' : activeElsewhere ? '' : 'Accept the conversation to reply.';
    for (const button of ui.suggestions.querySelectorAll('button.insert')) button.disabled = !replying;
  }

  function closedText(e) {
    if (isHandedBack(e)) return 'Handed back to the assistant. This conversation is read-only.';
    if (e.status === 'Abandoned') return 'The customer left before the conversation was resolved. This conversation is read-only.';
    const disposition = (state.me.dispositions || []).find(d => d.value === e.disposition)?.label || humanize(e.disposition || 'resolved');
    const parts = [`Resolved${e.resolvedAt ? ' ' + formatTime(e.resolvedAt) : ''} · ${disposition}`];
    if (e.note) parts.push(`Note: ${e.note}`);
    if (e.csat != null) parts.push(`Customer rating ${e.csat}/5`);
    return parts.join(' · ') + '. This conversation is read-only.';
  }

  function messageItem(message) {
    const role = ROLES.includes(String(message.author).toLowerCase()) ? String(message.author).toLowerCase() : 'system';
    const author = message.authorName || DEFAULT_AUTHOR[role];
    const chips = [];
    if (role === 'customer') {
      if (message.intent) {
        const confidence = typeof message.confidence === 'number' ? ` ${percent.format(message.confidence)}` : '';
        chips.push(h('span', { className: 'chip intent', title: 'Intent' }, `${humanize(message.intent)}${confidence}`));
      }
      if (message.sentimentLabel || typeof message.sentimentScore === 'number') {
        chips.push(sentimentBadge(message.sentimentLabel, message.sentimentScore));
      }
    }
    return h('li', { className: `message ${role}`, dataset: { messageId: message.id, author: role } },
      h('div', { className: 'message-head' },
        role === 'system' ? null : h('span', { className: 'author' }, author),
        h('time', { datetime: message.timestamp, title: message.timestamp ? new Date(message.timestamp).toLocaleString('en-GB') : null }, formatTime(message.timestamp))),
      h('p', { className: 'text' }, message.text || ''),
      chips.length ? h('div', { className: 'chips' }, chips) : null);
  }

  function appendMessage(message) {
    if (message.id != null && ui.transcript.querySelector(`[data-message-id="${CSS.escape(String(message.id))}"]`)) return;
    const box = ui.transcript;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    box.append(messageItem(message));
    state.detail?.transcript?.push(message);
    if (nearBottom || String(message.author).toLowerCase() === 'agent') box.scrollTop = box.scrollHeight;
    if (String(message.author).toLowerCase() === 'customer') ui.typing.hidden = true;
  }

  // ---- the customer's context ----------------------------------------------------------------------------------

  function fact(label, value) {
    return value == null || value === '' ? null : [h('dt', {}, label), h('dd', {}, value)];
  }

  function subsection(title, items, render, limit = 5) {
    if (!items || !items.length) return null;
    const more = items.length - limit;
    return h('div', { className: 'subsection' },
      h('h3', {}, title),
      h('ul', { className: 'records' }, items.slice(0, limit).map(render)),
      more > 0 ? h('p', { className: 'hint' }, `and ${more} more`) : null);
  }

  function renderProfile(profile) {
    if (!profile) {
      fill(ui.profileBody, 
        h('div', { className: 'profile-head' },
          h('span', { className: 'avatar guest', 'aria-hidden': 'true' }, '?'),
          h('div', {}, h('strong', { className: 'profile-name' }, 'Guest (not signed in)'))),
        h('p', { className: 'hint' }, 'The customer has not verified who they are. Ask for an order number and the account email before sharing account details.'));
      return;
    }
    const churn = typeof profile.churnRisk === 'number'
      ? h('span', { className: `churn ${profile.churnRisk >= 0.5 ? 'high' : profile.churnRisk >= 0.25 ? 'medium' : 'low'}` }, percent.format(profile.churnRisk))
      : null;
    fill(ui.profileBody, 
      h('div', { className: 'profile-head' },
        h('span', { className: 'avatar', 'aria-hidden': 'true' }, initials(profile.name)),
        h('div', {},
          h('strong', { className: 'profile-name' }, profile.name),
          profile.email ? h('span', { className: 'profile-email' }, profile.email) : null)),
      h('dl', { className: 'facts' },
        fact('Tier', profile.tier ? h('span', { className: `badge tier tier-${cssToken(profile.tier)}` }, profile.tier) : null),
        fact('Segment', profile.segment),
        fact('Lifetime value', typeof profile.lifetimeValue === 'number' ? money.format(profile.lifetimeValue) : null),
        fact('Churn risk', churn),
        fact('Customer since', formatDate(profile.customerSince))),
      subsection('Recent orders', profile.recentOrders, order => h('li', {},
        h('span', { className: 'record-main' }, h('strong', {}, order.number), h('span', { className: `status-chip ${cssToken(order.status)}` }, order.status)),
        h('span', { className: 'record-sub' }, `${formatDate(order.placedAt)} · ${money.format(order.total)}`)), 4),
      subsection('Earlier conversations', profile.earlierConversations, c => h('li', {},
        h('span', { className: 'record-main' }, c.startedAt ? dayAndTime.format(new Date(c.startedAt)) : '', h('span', { className: `status-chip ${cssToken(c.status)}` }, c.status)),
        h('span', { className: 'record-sub' }, `${c.customerTurns} customer ${c.customerTurns === 1 ? 'message' : 'messages'}`)), 4),
      subsection('Earlier escalations', profile.earlierEscalations, x => h('li', {},
        h('span', { className: 'record-main' }, h('strong', {}, x.reference), h('span', { className: `status-chip ${cssToken(x.status)}` }, x.status)),
        h('span', { className: 'record-sub' }, [formatDate(x.createdAt), humanize(x.reason), x.disposition ? humanize(x.disposition) : null, x.csat != null ? `rated ${x.csat}/5` : null].filter(Boolean).join(' · '))), 4));
  }

  function renderReason(e) {
    ui.reason.hidden = false;
    fill(ui.reasonBody, 
      h('p', { className: 'reason-title' }, humanize(e.reason)),
      e.reasonDetail ? h('p', { className: 'reason-detail' }, e.reasonDetail) : null,
      h('dl', { className: 'facts' },
        fact('Sentiment', sentimentBadge(e.sentimentLabel, e.sentiment)),
        fact('Waiting since', formatTime(e.createdAt)),
        fact('Accepted', e.acceptedAt ? formatTime(e.acceptedAt) : null)));
  }

  function renderSuggestions(suggestions) {
    fill(ui.suggestions, suggestions.map(s => h('li', { className: 'suggestion', dataset: { slug: s.slug } },
      h('strong', {}, s.title),
      h('p', {}, s.text),
      h('button', { type: 'button', className: 'insert', onclick: () => insertSuggestion(s.text), 'aria-label': `Insert “${s.title}” into the reply`, disabled: !canReply() }, 'Insert'))));
    ui.suggestionsEmpty.textContent = 'No help-centre article matches this conversation yet.';
    ui.suggestionsEmpty.hidden = suggestions.length > 0;
  }

  // The suggestion goes into the reply box for the agent to edit; it is never sent by itself.
  function insertSuggestion(text) {
    const current = ui.reply.value.trimEnd();
    ui.reply.value = (current ? `${current}\n\n${text}` : text).slice(0, MAX_REPLY);
    updateCount();
    ui.reply.focus();
    ui.reply.setSelectionRange(ui.reply.value.length, ui.reply.value.length);
  }

  // ---- actions -------------------------------------------------------------------------------------------------

  async function accept(id, retried = false) {
    try {
      const summary = await api(escalationPath(id, 'accept'), { method: 'POST' });
      applySummary(summary);
      announce(`Accepted conversation with ${summary?.customerName || 'the customer'}`);
      await loadQueue();
      await select(id);
      ui.reply.focus();
    } catch (e) {
      if (e.status === 409 && !retried) {
        // The router may have assigned it to this very agent while they clicked, which the server reports as taken
        // (see notes/ui-backend-bugs.md): if it is now ours, the agent's intent is clear, so accept it again.
        await loadQueue();
        if (state.queue.mine.some(x => x.id === id && x.status === 'Assigned')) return accept(id, true);
      }
      notify(e.message);
      scheduleQueueRefresh();
    }
  }

  async function handBack() {
    const id = state.selectedId;
    ui.handback.disabled = true;
    try {
      const summary = await api(escalationPath(id, 'handback'), { method: 'POST', body: {} });
      state.handedBack.add(id);
      applySummary(summary);
      notify('Handed back to the assistant.', 'info');
      scheduleQueueRefresh();
    } catch (e) {
      notify(e.message);
    } finally {
      ui.handback.disabled = false;
    }
  }

  function openResolveForm() {
    ui.resolveForm.hidden = false;
    ui.resolve.setAttribute('aria-expanded', 'true');
    ui.disposition.focus();
  }

  function closeResolveForm() {
    ui.resolveForm.hidden = true;
    ui.resolve.setAttribute('aria-expanded', 'false');
  }

  async function resolve(event) {
    event.preventDefault();
    const id = state.selectedId;
    const confirm = $('resolve-confirm');
    confirm.disabled = true;
    try {
      const summary = await api(escalationPath(id, 'resolve'), {
        method: 'POST',
        body: { disposition: ui.disposition.value, note: ui.resolveNote.value.trim() || null }
      });
      ui.resolveNote.value = '';
      state.drafts.delete(id);
      applySummary({ note: null, disposition: ui.disposition.value, resolvedAt: new Date(now()).toISOString(), ...summary });
      closeResolveForm();
      notify('Conversation resolved. The customer is asked to rate the help they got.', 'info');
      scheduleQueueRefresh();
    } catch (e) {
      notify(e.message);
    } finally {
      confirm.disabled = false;
    }
  }

  function updateCount() {
    const length = ui.reply.value.length;
    ui.replyCount.textContent = `${length} / ${MAX_REPLY}`;
    ui.replyCount.classList.toggle('near-limit', length > MAX_REPLY * 0.9);
  }

  async function send(event) {
    event?.preventDefault();
    const id = state.selectedId;
    const text = ui.reply.value.trim();
    if (!text || state.sending || !canReply()) return;
    state.sending = true;
    ui.send.disabled = true;
    try {
      // 201 carries the stored message and whether the customer's channel took it.
      const sent = await api(escalationPath(id, 'messages'), { method: 'POST', body: { text } });
      const message = sent?.message ?? sent;
      if (state.selectedId === id) {
        ui.reply.value = '';
        updateCount();
        if (message?.id != null) appendMessage(message);
      }
      if (sent?.delivered === false) notify('Your message is saved, but the customer\'s channel did not take it. They may have left.');
      state.drafts.delete(id);
      state.lastTypingSentAt = 0;
    } catch (e) {
      notify(e.message);
    } finally {
      state.sending = false;
      if (state.detail) renderHead();
      ui.reply.focus();
    }
  }

  // The customer sees "typing" for a few seconds per notification, so one every 3 s while typing is enough.
  function sendTyping() {
    if (!canReply() || !ui.reply.value.trim()) return;
    const at = Date.now();
    if (at - state.lastTypingSentAt < TYPING_SEND_EVERY_MS) return;
    state.lastTypingSentAt = at;
    api(escalationPath(state.selectedId, 'typing'), { method: 'POST' }).catch(() => { /* best effort */ });
  }

  // ---- live updates --------------------------------------------------------------------------------------------

  function onMessage(escalationId, message) {
    const fromCustomer = String(message?.author).toLowerCase() === 'customer';
    if (escalationId === state.selectedId) {
      if (state.loadingDetail) state.earlyMessages.push(message);
      else appendMessage(message);
      if (fromCustomer) scheduleSuggestionRefresh(escalationId);
    }
    if (!fromCustomer) return;
    for (const list of [state.queue.mine, state.queue.waiting]) {
      const item = list.find(e => e.id === escalationId);
      if (item) {
        item.lastCustomerMessage = String(message.text || '').slice(0, 200);
        item.lastCustomerMessageAt = message.timestamp;
        if (escalationId !== state.selectedId) state.unread.add(escalationId);
      }
    }
    renderQueue();
  }

  // Suggestions answer the customer's latest message, so they follow the conversation (one request per burst).
  let suggestionRefresh = 0;
  function scheduleSuggestionRefresh(id) {
    clearTimeout(suggestionRefresh);
    suggestionRefresh = setTimeout(async () => {
      try {
        const detail = await api(escalationPath(id));
        if (state.selectedId !== id || !state.detail) return;
        state.detail.suggestions = detail.suggestions || [];
        renderSuggestions(state.detail.suggestions);
      } catch {
        // The suggestions on screen stay; the next customer message tries again.
      }
    }, 800);
  }

  let typingTimer = 0;
  function onTyping(escalationId) {
    if (escalationId !== state.selectedId || !state.detail) return;
    const name = state.detail.escalation.customerName;
    ui.typing.textContent = `${name && name !== 'Guest' ? name : 'The customer'} is typing…`;
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { ui.typing.hidden = true; }, TYPING_SHOWN_FOR_MS);
  }

  function setConnection(stateName, text) {
    ui.connection.dataset.state = stateName;
    ui.connection.textContent = text;
  }

  // Catch up after a gap in the live connection: messages and queue changes may have been missed.
  function resync() {
    scheduleQueueRefresh();
    if (state.selectedId != null) loadDetail(state.selectedId);
  }

  function connectHub() {
    if (!window.signalR) {
      setConnection('offline', 'Live updates unavailable');
      return;
    }
    const connection = new window.signalR.HubConnectionBuilder()
      .withUrl('/hubs/agent')
      .withAutomaticReconnect([0, 2000, 5000, 10000, 30000])
      .configureLogging(window.signalR.LogLevel.Warning)
      .build();
    connection.on('queueChanged', scheduleQueueRefresh);
    connection.on('message', onMessage);
    connection.on('typing', onTyping);
    connection.on('escalationChanged', summary => {
      applySummary(summary);
      scheduleQueueRefresh();
    });
    connection.onreconnecting(() => setConnection('reconnecting', 'Reconnecting…'));
    connection.onreconnected(() => {
      setConnection('live', 'Live');
      resync();
    });
    let everConnected = false;
    const start = async () => {
      try {
        await connection.start();
        setConnection('live', 'Live');
        if (everConnected) resync();
        everConnected = true;
      } catch (e) {
        if (/\b401\b|Unauthorized/i.test(String(e?.message || e))) {
          goToLogin();
          return;
        }
        setConnection('offline', 'Offline · retrying');
        setTimeout(start, 5000);
      }
    };
    connection.onclose(() => {
      setConnection('offline', 'Offline · retrying');
      setTimeout(start, 5000);
    });
    start();
  }

  // ---- wiring --------------------------------------------------------------------------------------------------

  function wire() {
    ui.presence.addEventListener('change', changePresence);
    ui.noticeClose.addEventListener('click', () => { ui.notice.hidden = true; });
    ui.accept.addEventListener('click', () => accept(state.selectedId));
    ui.handback.addEventListener('click', handBack);
    ui.resolve.addEventListener('click', () => (ui.resolveForm.hidden ? openResolveForm() : closeResolveForm()));
    ui.resolveCancel.addEventListener('click', () => { closeResolveForm(); ui.resolve.focus(); });
    ui.resolveForm.addEventListener('submit', resolve);
    ui.resolveForm.addEventListener('keydown', e => {
      if (e.key === 'Escape') { closeResolveForm(); ui.resolve.focus(); }
    });
    ui.replyForm.addEventListener('submit', send);
    ui.reply.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        send();
      }
    });
    ui.reply.addEventListener('input', () => {
      updateCount();
      sendTyping();
    });
  }

  async function init() {
    wire();
    try {
      await loadMe();
    } catch (e) {
      if (e.status === 401) return;
      ui.agentName.textContent = 'Not available';
      notify(e.status === 403 ? 'This account is not an agent account. Sign in with an agent account to use the console.' : e.message);
      return;
    }
    const fromHash = Number(window.location.hash.slice(1));
    if (Number.isInteger(fromHash) && fromHash > 0) await select(fromHash);
    await loadQueue();
    connectHub();
    setInterval(loadQueue, QUEUE_POLL_MS);
    setInterval(tick, 1000);
  }

  init();
})();
