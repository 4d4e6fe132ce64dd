// The customer's context beside the transcript: who they are, why the bot escalated, and help-centre suggestions.
import { api, escalationPath } from './api.js';
import { cssToken, dayAndTime, fill, formatDate, formatTime, h, humanize, initials, money, percent, sentimentBadge, ui } from './dom.js';
import { insertSuggestion } from './reply.js';
import { canReply, now, state } from './state.js';

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

// Recency in days, the way the segment reads it: "today", "1 day ago", "45 days ago (3 Oct 2026)".
function lastOrder(iso) {
  if (!iso) return null;
  const days = Math.max(0, Math.floor((now() - Date.parse(iso)) / 86400000));
  const ago = days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
  return h('span', { title: formatDate(iso) }, ago);
}

export function renderProfile(profile) {
  if (!profile) {
    fill(ui.profileBody,
      h('div', { className: 'profile-head' },
        h('span', { className: 'avatar guest', 'aria-hidden': 'true' }, '?'),
        h('div', {}, h('strong', { className: 'profile-name' }, 'Guest (not signed in)'))),
      h('p', { className: 'hint' }, 'The customer has not verified who they are. Ask for an order number and the account email before sharing account details.'));
    return;
  }
  // The level comes from the server, the one definition the escalation priority also uses.
  const churn = typeof profile.churnRisk === 'number' && profile.churnLevel
    ? h('span', { className: `churn ${cssToken(profile.churnLevel)}`, title: 'Chance of no order in the next 90 days' },
      `${profile.churnLevel} · ${percent.format(profile.churnRisk)}`)
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
      fact('Churn risk', churn),
      fact('Lifetime value', typeof profile.lifetimeValue === 'number' ? money.format(profile.lifetimeValue) : null),
      fact('Last order', lastOrder(profile.lastOrderAt)),
      fact('Orders', profile.profiledAt ? String(profile.orderCount) : null),
      fact('Net spend', profile.profiledAt ? money.format(profile.netSpend) : null),
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

export function renderReason(e) {
  ui.reason.hidden = false;
  fill(ui.reasonBody,
    h('p', { className: 'reason-title' }, humanize(e.reason)),
    e.reasonDetail ? h('p', { className: 'reason-detail' }, e.reasonDetail) : null,
    h('dl', { className: 'facts' },
      fact('Sentiment', sentimentBadge(e.sentimentLabel, e.sentiment)),
      fact('Waiting since', formatTime(e.createdAt)),
      fact('Accepted', e.acceptedAt ? formatTime(e.acceptedAt) : null)));
}

// The language model's replies (when one is configured) come first, then the help-centre articles.
export function renderSuggestions(articles) {
  const drafted = (state.assist?.replies || []).map((text, i) => ({ slug: `model-${i + 1}`, title: 'Drafted reply', text, model: true }));
  const suggestions = [...drafted, ...articles];
  fill(ui.suggestions, suggestions.map(s => h('li', { className: s.model ? 'suggestion drafted' : 'suggestion', dataset: { slug: s.slug } },
    h('strong', {}, s.title),
    h('p', {}, s.text),
    h('button', { type: 'button', className: 'insert', onclick: () => insertSuggestion(s.text), 'aria-label': `Insert “${s.title}” into the reply`, disabled: !canReply() }, 'Insert'))));
  ui.suggestionsEmpty.textContent = 'No help-centre article matches this conversation yet.';
  ui.suggestionsEmpty.hidden = suggestions.length > 0;
}

// The model's brief of the hand-off: what the customer needs, what the bot tried, their mood, what is still open.
export function renderBrief(summary) {
  ui.brief.hidden = !summary;
  if (!summary) return;
  fill(ui.briefBody,
    h('dl', { className: 'facts' },
      fact('Issue', summary.issue),
      fact('Tried', summary.tried),
      fact('Mood', summary.mood)),
    summary.openQuestions?.length
      ? h('div', { className: 'subsection' }, h('h3', {}, 'Open questions'), h('ul', { className: 'records' }, summary.openQuestions.map(q => h('li', {}, q))))
      : null);
}

// Asked apart from the detail: the model may take seconds, and the transcript should not wait for it.
export async function loadAssist(id) {
  try {
    const assist = await api(escalationPath(id, 'assist'));
    if (state.selectedId !== id || !state.detail) return;
    state.assist = assist;
    renderBrief(assist.summary);
    renderSuggestions(state.detail.suggestions || []);
  } catch {
    // Without the model's help the console is as it always was.
  }
}

// Suggestions answer the customer's latest message, so they follow the conversation (one request per burst).
let suggestionRefresh = 0;
export function scheduleSuggestionRefresh(id) {
  clearTimeout(suggestionRefresh);
  suggestionRefresh = setTimeout(async () => {
    try {
      const detail = await api(escalationPath(id));
      if (state.selectedId !== id || !state.detail) return;
      state.detail.suggestions = detail.suggestions || [];
      renderSuggestions(state.detail.suggestions);
      await loadAssist(id);
    } catch {
      // The suggestions on screen stay; the next customer message tries again.
    }
  }, 800);
}
