// What the agent does with the open conversation: accept it, hand it back to the bot, or resolve it with an outcome.
import { api, escalationPath } from './api.js';
import { announce, notify, ui } from './dom.js';
import { closeResolveForm, openResolveForm, select } from './conversation.js';
import { applySummary, loadQueue, scheduleQueueRefresh } from './queue.js';
import { state } from './state.js';

async function accept(id) {
  try {
    const summary = await api(escalationPath(id, 'accept'), { method: 'POST' });
    applySummary(summary);
    announce(`Accepted conversation with ${summary?.customerName || 'the customer'}`);
    await loadQueue();
    await select(id);
    ui.reply.focus();
  } catch (e) {
    notify(e.message);
    scheduleQueueRefresh();
  }
}

async function handBack() {
  const id = state.selectedId;
  ui.handback.disabled = true;
  try {
    const summary = await api(escalationPath(id, 'handback'), { method: 'POST', body: {} });
    applySummary(summary);
    notify('Handed back to the assistant.', 'info');
    scheduleQueueRefresh();
  } catch (e) {
    notify(e.message);
  } finally {
    ui.handback.disabled = false;
  }
}

async function resolve(event) {
  event.preventDefault();
  const id = state.selectedId;
  ui.resolveConfirm.disabled = true;
  try {
    const summary = await api(escalationPath(id, 'resolve'), {
      method: 'POST',
      body: { disposition: ui.disposition.value, note: ui.resolveNote.value.trim() || null }
    });
    ui.resolveNote.value = '';
    state.drafts.delete(id);
    applySummary(summary);
    closeResolveForm();
    notify('Conversation resolved. The customer is asked to rate the help they got.', 'info');
    scheduleQueueRefresh();
  } catch (e) {
    notify(e.message);
  } finally {
    ui.resolveConfirm.disabled = false;
  }
}

export function wireActions() {
  ui.accept.addEventListener('click', () => accept(state.selectedId));
  ui.handback.addEventListener('click', handBack);
  ui.resolve.addEventListener('click', () => (ui.resolveForm.hidden ? openResolveForm() : closeResolveForm()));
  ui.resolveCancel.addEventListener('click', () => { closeResolveForm(); ui.resolve.focus(); });
  ui.resolveForm.addEventListener('submit', resolve);
  ui.resolveForm.addEventListener('keydown', e => {
    if (e.key === 'Escape') { closeResolveForm(); ui.resolve.focus(); }
  });
  // One listener per list: the items are rebuilt on every refresh.
  for (const list of [ui.mine, ui.waiting]) {
    list.addEventListener('click', event => {
      const button = event.target.closest('button');
      const id = Number(button?.closest('[data-escalation-id]')?.dataset.escalationId);
      if (!id) return;
      if (button.classList.contains('accept')) accept(id);
      else if (button.classList.contains('open')) select(id);
    });
  }
}
