// The open conversation: choosing one, loading it in full, and its header (title, status, which actions the agent
// has, the read-only banner). The transcript, reply box and context panels render their own parts.
import { api, escalationPath } from './api.js';
import { loadAssist, renderBrief, renderProfile, renderReason, renderSuggestions } from './context.js';
import { cssToken, fill, formatTime, h, humanize, notify, ui } from './dom.js';
import { renderQueue } from './queue.js';
import { updateCount } from './reply.js';
import { canReply, isHandedBack, isMine, state } from './state.js';
import { appendMessage, renderTranscript } from './transcript.js';

const CHANNELS = { directline: 'Web chat', webchat: 'Web chat', msteams: 'Teams', cli: 'Terminal' };

export async function select(id) {
  if (state.selectedId != null && state.selectedId !== id) state.drafts.set(state.selectedId, ui.reply.value);
  const changed = state.selectedId !== id;
  state.selectedId = id;
  state.unread.delete(id);
  // The path without ?escalation=: that link has been followed, and a reload should reopen what is on screen now.
  history.replaceState(null, '', window.location.pathname + '#' + id);
  renderQueue();
  if (changed) {
    ui.reply.value = state.drafts.get(id) || '';
    updateCount();
    closeResolveForm();
    ui.typing.hidden = true;
  }
  await loadDetail(id);
}

export async function loadDetail(id) {
  state.loadingDetail = true;
  state.earlyMessages = [];
  try {
    const detail = await api(escalationPath(id));
    if (state.selectedId !== id) return;
    state.detail = detail;
    state.assist = null;
    renderDetail();
    loadAssist(id);
    state.earlyMessages.forEach(appendMessage);
  } catch (e) {
    // A refusal (another agent's conversation, one that does not exist) is shown with the server's own words.
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
  renderTranscript(transcript);
  renderHead();
  renderProfile(profile);
  renderReason(state.detail.escalation);
  renderBrief(null);
  renderSuggestions(suggestions || []);
}

export function renderHead() {
  const e = state.detail.escalation;
  const closed = e.status === 'Resolved' || e.status === 'Abandoned';
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

export function openResolveForm() {
  ui.resolveForm.hidden = false;
  ui.resolve.setAttribute('aria-expanded', 'true');
  ui.disposition.focus();
}

export function closeResolveForm() {
  ui.resolveForm.hidden = true;
  ui.resolve.setAttribute('aria-expanded', 'false');
}
