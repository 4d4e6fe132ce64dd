// One conversation, read-only: the transcript with each customer message's intent and sentiment, who has it, and the
// supervisor's actions (assign to an agent, take it over). Refreshed when the hub says the conversation changed.
import { h, score, label, clock, humanize, ownerText } from './live-dom.js';
import * as api from './live-api.js';

export function createTranscript(root, { profile }) {
  let openId = null;
  let agentList = [];
  let loading = 0;

  const title = h('h2', { id: 'live-transcript-title' }, 'Transcript');
  const facts = h('p', { className: 'live-transcript-facts', id: 'live-transcript-facts' });
  const messages = h('ol', { className: 'live-messages', id: 'live-messages', 'aria-label': 'Messages' });
  const agentSelect = h('select', { id: 'live-assign-agent', name: 'agentId' });
  const assignButton = h('button', { type: 'button', id: 'live-assign', className: 'primary', onclick: assign }, 'Assign');
  const takeOverButton = h('button', { type: 'button', id: 'live-take-over', onclick: takeOver }, 'Take over');
  const takeOverNote = h('p', { className: 'hint', id: 'live-take-over-note' });
  const result = h('p', { className: 'live-result', id: 'live-result', role: 'status' });
  const error = h('p', { className: 'live-error', id: 'live-error', role: 'alert' });
  const close = h('button', { type: 'button', className: 'live-close', id: 'live-transcript-close', 'aria-label': 'Close transcript', onclick: hide }, '×');
  const panel = h('aside', { className: 'live-transcript', id: 'live-transcript', 'aria-labelledby': 'live-transcript-title', hidden: true, tabindex: '-1' },
    h('header', {}, title, close), facts,
    h('div', { className: 'live-actions' },
      h('label', { for: 'live-assign-agent' }, 'Assign to '), agentSelect, assignButton, takeOverButton, takeOverNote),
    result, error, messages);
  root.append(panel);

  if (profile.agentId == null) {
    takeOverButton.disabled = true;
    takeOverNote.textContent = profile.takeOverUnavailable;
  }

  function hide() {
    panel.hidden = true;
    openId = null;
  }

  function renderAgents() {
    const current = agentSelect.value;
    agentSelect.replaceChildren(h('option', { value: '' }, 'Choose an agent…'), ...agentList.map(agent =>
      h('option', { value: String(agent.id), disabled: agent.presence !== 'Available' || agent.load >= agent.capacity },
        `${agent.displayName} · ${agent.presence.toLowerCase()} · ${agent.load}/${agent.capacity}` + (agent.skills.length ? ` · ${agent.skills.join(', ')}` : ''))));
    agentSelect.value = current;
  }

  function render(data) {
    const c = data.conversation;
    title.textContent = `${c.customer} · ${c.channel}`;
    facts.replaceChildren(
      h('span', {}, 'Owner: ', h('strong', {}, ownerText(c.owner))),
      c.escalation ? h('span', {}, ' · ', c.escalation.reference) : null,
      h('span', {}, ' · Sentiment ', h('span', { className: 'chip ' + label(c.sentiment) }, score(c.sentiment))),
      c.intent ? h('span', {}, ' · Intent ', humanize(c.intent)) : null);
    const working = c.owner.kind === 'Agent';
    assignButton.disabled = working;
    agentSelect.disabled = working;
    if (profile.agentId != null) takeOverButton.disabled = working && c.owner.agentId === profile.agentId;
    messages.replaceChildren(...data.messages.map(m => h('li', { className: 'message ' + m.author.toLowerCase(), dataset: { id: m.id } },
      h('div', { className: 'meta' },
        h('span', { className: 'author' }, m.authorName || m.author),
        h('time', { datetime: m.timestamp }, clock(m.timestamp)),
        m.intent ? h('span', { className: 'chip intent' }, humanize(m.intent)) : null,
        m.sentimentScore != null ? h('span', { className: 'chip sentiment ' + label(m.sentimentScore) }, `${m.sentimentLabel || label(m.sentimentScore)} ${score(m.sentimentScore)}`) : null),
      h('p', { className: 'text' }, m.text))));
  }

  async function load() {
    const id = openId;
    const ticket = ++loading;
    try {
      const data = await api.transcript(id);
      if (ticket === loading && id === openId) render(data);
    } catch (e) {
      if (id === openId) error.textContent = e.message;
    }
  }

  async function act(action, done) {
    result.textContent = '';
    error.textContent = '';
    try {
      const row = await action();
      result.textContent = done(row);
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  function assign() {
    if (!agentSelect.value) {
      error.textContent = 'Choose the agent to assign the conversation to.';
      return;
    }
    const name = agentSelect.selectedOptions[0].textContent.split(' · ')[0];
    act(() => api.assign(openId, Number(agentSelect.value)), row => `Offered to ${name}; ${row.escalation ? row.escalation.reference + ' ' : ''}waits for them to accept.`);
  }

  function takeOver() {
    act(() => api.takeOver(openId), () => 'You have joined the conversation: answer the customer in the agent console (/agent).');
  }

  return {
    async open(id) {
      openId = id;
      panel.hidden = false;
      result.textContent = '';
      error.textContent = '';
      messages.replaceChildren();
      await load();
      panel.focus();
    },
    changed(id) {
      if (id === openId) load();
    },
    agents(list) {
      agentList = list;
      renderAgents();
    },
  };
}
