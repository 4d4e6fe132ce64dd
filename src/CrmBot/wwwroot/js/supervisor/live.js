// Supervisor live view (issue 10): mounts itself into <section id="live"> on the supervisor page. Initial state from
// the REST API, then live updates from the supervisor hub; after a reconnect it reloads, since events sent while it
// was away are gone.
import { h } from './live-dom.js';
import * as api from './live-api.js';
import { createAlerts } from './live-alerts.js';
import { createTable } from './live-table.js';
import { createTranscript } from './live-transcript.js';

const HUB = '/hubs/supervisor';

// A TimeSpan as the server writes it ("00:30:00", "1.02:00:00") in whole minutes.
function minutesOf(span) {
  const m = /^(?:(\d+)\.)?(\d+):(\d+):/.exec(String(span));
  return m ? Number(m[1] || 0) * 1440 + Number(m[2]) * 60 + Number(m[3]) : span;
}

function loadSignalR() {
  if (window.signalR) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/lib/signalr.min.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('The live connection library could not be loaded.'));
    document.head.append(script);
  });
}

async function mount(root) {
  root.classList.add('live-view');
  const status = h('span', { className: 'live-connection', id: 'live-connection', role: 'status', dataset: { state: 'connecting' } }, 'Connecting…');
  const problem = h('p', { className: 'live-error', id: 'live-problem', role: 'alert' });
  const rule = h('p', { className: 'hint live-rule', id: 'live-rule' });
  root.replaceChildren(h('header', { className: 'live-head' }, h('h1', {}, 'Live conversations'), status), problem);

  let profile;
  try {
    profile = await api.me();
  } catch (error) {
    problem.textContent = error.message;
    return;
  }
  const layout = h('div', { className: 'live-layout' });
  const main = h('div', { className: 'live-main' });
  const side = h('div', { className: 'live-side' });
  layout.append(main, side);
  root.append(rule, layout);

  const transcript = createTranscript(side, { profile });
  // Opening a conversation also refreshes the agents, so the assign list shows who is available now.
  const open = id => Promise.all([transcript.open(id), loadAgents()]);
  const alerts = createAlerts(main, { onOpen: open, onError: message => { problem.textContent = message; } });
  const table = createTable(main, { onFilter: reload, onOpen: open });

  async function reload() {
    try {
      const view = await api.list(table.filter());
      problem.textContent = '';
      table.load(view);
      alerts.load(view.alerts);
      const s = view.settings;
      rule.textContent = `Alert when a conversation's rolling sentiment is ${s.alertThreshold} or lower, or falls by ${s.steepDrop} or more over ${s.dropWindow} customer messages; `
        + `no repeat until it is back at ${s.recoverAt}. Showing conversations with a message in the last ${minutesOf(view.activeWindow)} minutes`
        + (view.truncated ? ` (the ${view.conversations.length} most recent).` : '.');
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  async function loadAgents() {
    try {
      const list = await api.agents();
      table.agents(list);
      transcript.agents(list);
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  await Promise.all([reload(), loadAgents()]);

  try {
    await loadSignalR();
  } catch (error) {
    problem.textContent = error.message;
    return;
  }
  const setState = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  const connection = new window.signalR.HubConnectionBuilder()
    .withUrl(HUB)
    .withAutomaticReconnect([0, 2000, 5000, 10000, 30000])
    .configureLogging(window.signalR.LogLevel.Warning)
    .build();
  connection.on('conversation', (row, active) => {
    table.update(row, active);
    transcript.changed(row.id);
    if (row.escalation || row.owner.kind !== 'Bot') loadAgents();
  });
  connection.on('alert', alert => alerts.raised(alert));
  connection.on('alertCleared', id => alerts.cleared(id));
  connection.onreconnecting(() => setState('reconnecting', 'Reconnecting…'));
  connection.onreconnected(() => {
    setState('live', 'Live');
    reload();
  });
  connection.onclose(() => setState('offline', 'Offline: reload the page'));
  try {
    await connection.start();
    setState('live', 'Live');
    // Anything that happened between the first load and the connection.
    await reload();
  } catch {
    setState('offline', 'Offline: reload the page');
  }
}

const root = document.getElementById('live');
if (root) mount(root);
