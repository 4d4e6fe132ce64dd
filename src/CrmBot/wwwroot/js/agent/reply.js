// The reply box: character count, sending (Enter or the Send button), telling the customer the agent is typing, and
// inserting a suggested reply for the agent to edit.
import { api, escalationPath } from './api.js';
import { notify, ui } from './dom.js';
import { canReply, state } from './state.js';
import { appendMessage } from './transcript.js';

const MAX_REPLY = 2000;
const TYPING_SEND_EVERY_MS = 3000;

export function updateCount() {
  const length = ui.reply.value.length;
  ui.replyCount.textContent = `${length} / ${MAX_REPLY}`;
  ui.replyCount.classList.toggle('near-limit', length > MAX_REPLY * 0.9);
}

// The suggestion goes into the reply box for the agent to edit; it is never sent by itself.
export function insertSuggestion(text) {
  const current = ui.reply.value.trimEnd();
  ui.reply.value = (current ? `${current}\n\n${text}` : text).slice(0, MAX_REPLY);
  updateCount();
  ui.reply.focus();
  ui.reply.setSelectionRange(ui.reply.value.length, ui.reply.value.length);
}

async function send(event) {
  event?.preventDefault();
  const id = state.selectedId;
  const text = ui.reply.value.trim();
  if (!text || state.sending || !canReply()) return;
  state.sending = true;
  ui.send.disabled = true;
  try {
    // 201 carries the stored message and whether the customer's channel took it (SentMessage).
    const sent = await api(escalationPath(id, 'messages'), { method: 'POST', body: { text } });
    if (state.selectedId === id) {
      ui.reply.value = '';
      updateCount();
      appendMessage(sent.message);
    }
    if (sent.delivered === false) notify('Your message is saved, but the customer\'s channel did not take it. They may have left.');
    state.drafts.delete(id);
    state.lastTypingSentAt = 0;
  } catch (e) {
    notify(e.message);
  } finally {
    state.sending = false;
    ui.send.disabled = !canReply();
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

export function wireReply() {
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
