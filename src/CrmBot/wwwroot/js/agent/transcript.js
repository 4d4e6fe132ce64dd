// The open conversation's transcript: one list item per message, live additions and the customer's typing indicator.
import { fill, formatTime, h, humanize, percent, sentimentBadge, ui } from './dom.js';
import { state } from './state.js';

const ROLES = ['customer', 'bot', 'agent', 'system'];
const DEFAULT_AUTHOR = { customer: 'Customer', bot: 'Assistant', agent: 'Agent', system: 'System' };
const TYPING_SHOWN_FOR_MS = 4000;

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

export function renderTranscript(transcript) {
  fill(ui.transcript, (transcript || []).map(messageItem));
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

// A message can come both from the hub and from the send response: the first one wins.
export function appendMessage(message) {
  if (message.id != null && ui.transcript.querySelector(`[data-message-id="${CSS.escape(String(message.id))}"]`)) return;
  const box = ui.transcript;
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  box.append(messageItem(message));
  state.detail?.transcript?.push(message);
  if (nearBottom || String(message.author).toLowerCase() === 'agent') box.scrollTop = box.scrollHeight;
  if (String(message.author).toLowerCase() === 'customer') ui.typing.hidden = true;
}

let typingTimer = 0;
export function showCustomerTyping(escalationId) {
  if (escalationId !== state.selectedId || !state.detail) return;
  const name = state.detail.escalation.customerName;
  ui.typing.textContent = `${name && name !== 'Guest' ? name : 'The customer'} is typing…`;
  ui.typing.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { ui.typing.hidden = true; }, TYPING_SHOWN_FOR_MS);
}
