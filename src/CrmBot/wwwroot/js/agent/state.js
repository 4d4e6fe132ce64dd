// The console's shared mutable state: one object every module reads and writes, so nothing lives on window.
// Also the questions asked of it ("is this mine?", "may I reply?") so every module answers them the same way.

const HANDED_BACK = 'handed-back'; // the disposition the server records for a hand-back

export const state = {
  me: null,
  queue: { mine: [], waiting: [] },
  selectedId: null,
  detail: null,
  // The language model's brief and drafted replies for the open escalation; null until they arrive or without a model.
  assist: null,
  loadingDetail: false,
  earlyMessages: [], // hub messages for the selected escalation that arrive while its transcript is loading
  unread: new Set(),
  drafts: new Map(),
  lastTypingSentAt: 0,
  sending: false,
  clockOffsetMs: 0 // server clock minus ours, from the Date header, so waiting times match the server's
};

export const now = () => Date.now() + state.clockOffsetMs;

// By id, not display name: two agents may share a name (EscalationSummary.AgentId in src/CrmBot.Core/Handoff/AgentDeskModels.cs).
export const isMine = escalation => escalation.agentId != null && escalation.agentId === state.me?.agentId;

export const isHandedBack = escalation => escalation.disposition === HANDED_BACK;

export function canReply() {
  const escalation = state.detail?.escalation;
  return !!escalation && escalation.status === 'Active' && isMine(escalation);
}
