// Drives the running CrmBot server with the official botframework-directlinejs client, as Web Chat does.
// Usage: node directline-client.mjs <baseUrl> <polling|websocket>
// Prints one line per step and exits 0 when every check passes, 1 with the reason otherwise.
import XMLHttpRequest from 'xhr2';
import WebSocket from 'ws';

globalThis.XMLHttpRequest = XMLHttpRequest;
globalThis.WebSocket = WebSocket;
const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

const [baseUrl, mode] = process.argv.slice(2);
if (!baseUrl || !['polling', 'websocket'].includes(mode)) {
  console.error('usage: node directline-client.mjs <baseUrl> <polling|websocket>');
  process.exit(2);
}
const domain = `${baseUrl}/v3/directline`;
const timeout = setTimeout(() => fail('timed out after 90 s'), 90_000);

function fail(reason) {
  console.error(`FAIL (${mode}): ${reason}`);
  process.exit(1);
}

function check(condition, reason) {
  if (!condition) fail(reason);
}

async function newSession() {
  const response = await fetch(`${baseUrl}/api/chat/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerEmail: null })
  });
  check(response.ok, `session request answered ${response.status}`);
  return response.json();
}

function connect(session) {
  const directLine = new DirectLine({ token: session.token, domain, webSocket: mode === 'websocket', pollingInterval: 300 });
  const botReplies = [];
  const waiters = [];
  directLine.activity$.subscribe(activity => {
    if (activity.from?.role === 'bot' || (activity.from && activity.from.id !== session.userId)) {
      botReplies.push(activity);
      for (const waiter of [...waiters]) waiter();
    }
  }, error => fail(`activity stream error: ${error}`));
  // Waits until the bot has sent `count` more messages than before, and returns them.
  const nextReplies = (after, count, what) => new Promise((resolve, reject) => {
    const done = () => {
      const fresh = botReplies.slice(after).filter(a => a.type === 'message');
      if (fresh.length >= count) {
        waiters.splice(waiters.indexOf(done), 1);
        resolve(fresh);
      }
    };
    waiters.push(done);
    setTimeout(() => reject(new Error(`no reply for: ${what}`)), 30_000);
    done();
  });
  const post = activity => new Promise((resolve, reject) => {
    directLine.postActivity({ from: { id: session.userId, name: 'e2e customer' }, ...activity })
      .subscribe(id => resolve(id), error => reject(new Error(`postActivity failed: ${error}`)));
  });
  const say = async (text, count, what) => {
    const before = botReplies.length;
    await post({ type: 'message', text });
    const replies = await nextReplies(before, count, what);
    const texts = replies.map(r => r.text ?? '').join(' | ');
    console.log(`  you: ${text}\n  bot: ${texts}`);
    return replies;
  };
  const connected = new Promise(resolve => directLine.connectionStatus$.subscribe(s => s === ConnectionStatus.Online && resolve()));
  return { directLine, say, post, nextReplies, botReplies, connected };
}

try {
  const session = await newSession();
  const chat = connect(session);
  await chat.connected;
  console.log(`connected (${mode}) to conversation ${session.conversationId}`);

  const before = chat.botReplies.length;
  await chat.post({ type: 'event', name: 'webchat/join', value: {} });
  const welcome = await chat.nextReplies(before, 1, 'welcome');
  check(/assistant/i.test(welcome[0].text), `welcome was: ${welcome[0].text}`);

  let replies = await chat.say('where is my order BW-482913?', 1, 'order status before verification');
  check(/email/i.test(replies.at(-1).text), 'the bot did not ask for an email before showing the order');
  check(!replies.some(r => /tracking/i.test(r.text ?? '')), 'order details were shown before verification');

  replies = await chat.say('alice.morgan@example.com', 2, 'verification and order status');
  const all = replies.map(r => r.text).join(' ');
  check(/verified/i.test(all), `not verified: ${all}`);
  check(/BW-482913/.test(all) && /tracking/i.test(all), `no order status: ${all}`);

  replies = await chat.say('can you recommend some headphones?', 1, 'product suggestions');
  const carousel = replies.find(r => r.attachmentLayout === 'carousel');
  check(carousel, 'no carousel in the suggestions reply');
  check(carousel.attachments.length >= 1 && carousel.attachments.every(a => a.contentType === 'application/vnd.microsoft.card.hero' && a.content.title),
    'carousel attachments are not hero cards with titles');
  console.log(`  carousel: ${carousel.attachments.map(a => a.content.title).join(', ')}`);

  // A second conversation's token must not read the first conversation.
  const other = await newSession();
  const peek = await fetch(`${domain}/conversations/${encodeURIComponent(session.conversationId)}/activities`, {
    headers: { Authorization: `Bearer ${other.token}` }
  });
  check(peek.status === 403, `a token for another conversation read this one (HTTP ${peek.status})`);
  const postOther = await fetch(`${domain}/conversations/${encodeURIComponent(session.conversationId)}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: other.userId }, text: 'hello' })
  });
  check(postOther.status === 403, `a token for another conversation posted into this one (HTTP ${postOther.status})`);
  console.log('  other conversation token: 403 on read and post');

  chat.directLine.end();
  clearTimeout(timeout);
  console.log(`PASS (${mode})`);
  process.exit(0);
} catch (error) {
  fail(error.message);
}
