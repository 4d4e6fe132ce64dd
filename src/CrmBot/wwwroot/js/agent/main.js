// Agent console (issue 4): start-up, the agent's own profile and presence, and the live connection to /hubs/agent.
// The API and hub events are in src/CrmBot/Handoff/AgentEndpoints.cs and AgentHub.cs; shared state is in state.js.
import { wireActions } from './actions.js';
import { api, goToLogin } from './api.js';
import { scheduleSuggestionRefresh } from './context.js';
import { loadDetail, select } from './conversation.js';
import { announce, fill, h, notify, tick, ui } from './dom.js';
import { applySummary, loadQueue, noteCustomerMessage, scheduleQueueRefresh } from './queue.js';
import { wireReply } from './reply.js';
import { state } from './state.js';
import { appendMessage, showCustomerTyping } from './transcript.js';

const QUEUE_POLL_MS = 15000;

// ---- me, presence ----------------------------------------------------------------------------------------------

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

// ---- live updates ----------------------------------------------------------------------------------------------

function onMessage(escalationId, message) {
  const fromCustomer = String(message?.author).toLowerCase() === 'customer';
  if (escalationId === state.selectedId) {
    if (state.loadingDetail) state.earlyMessages.push(message);
    else appendMessage(message);
    if (fromCustomer) scheduleSuggestionRefresh(escalationId);
  }
  if (fromCustomer) noteCustomerMessage(escalationId, message);
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

// signalr.min.js is a classic script loaded before this module; it only offers the window.signalR global.
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
  connection.on('typing', showCustomerTyping);
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

// ---- start-up --------------------------------------------------------------------------------------------------

// The Teams alert card links to /agent?escalation=12; the console itself keeps the open one in the hash (#12).
function requestedEscalation() {
  for (const value of [new URLSearchParams(window.location.search).get('escalation'), window.location.hash.slice(1)]) {
    const id = Number(value);
    if (value && Number.isInteger(id) && id > 0) return id;
  }
  return null;
}

async function init() {
  ui.presence.addEventListener('change', changePresence);
  ui.noticeClose.addEventListener('click', () => { ui.notice.hidden = true; });
  wireActions();
  wireReply();
  try {
    await loadMe();
  } catch (e) {
    if (e.status === 401) return;
    ui.agentName.textContent = 'Not available';
    notify(e.status === 403 ? 'This account is not an agent account. Sign in with an agent account to use the console.' : e.message);
    return;
  }
  const requested = requestedEscalation();
  if (requested != null) await select(requested);
  await loadQueue();
  connectHub();
  setInterval(loadQueue, QUEUE_POLL_MS);
  setInterval(tick, 1000);
}

init();
