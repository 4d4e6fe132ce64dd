// Customer web chat: a guest start (or, where the server offers it, a demo sign-in), then the official Bot Framework
// Web Chat on our own Direct Line endpoint.
(function () {
  'use strict';

  const form = document.getElementById('signin');
  const select = document.getElementById('customer');
  const startButton = document.getElementById('start');
  const errorBox = document.getElementById('signin-error');
  const chatElement = document.getElementById('webchat');
  const subtitle = document.getElementById('chat-subtitle');

  function showError(message) {
    errorBox.textContent = message; // textContent: server text is never interpreted as HTML
    errorBox.hidden = false;
  }

  // The demo list exists only where the demo sign-in is on; without it (404) the page offers a guest chat alone.
  async function loadDemoCustomers() {
    try {
      const response = await fetch('api/demo/customers');
      if (!response.ok) return;
      for (const customer of await response.json()) {
        const option = document.createElement('option');
        option.value = customer.email;
        option.textContent = `${customer.name} (${customer.tier})`;
        select.appendChild(option);
      }
      for (const element of document.querySelectorAll('.demo-only')) element.hidden = false;
    } catch {
      // Guest chat still works without the demo list.
    }
  }

  async function startChat(event) {
    event.preventDefault();
    startButton.disabled = true;
    errorBox.hidden = true;
    try {
      const response = await fetch('api/chat/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ customerEmail: select.value || null })
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(problem.detail || problem.title || `The chat could not start (${response.status}).`);
      }
      const session = await response.json();
      renderChat(session);
    } catch (e) {
      showError(e.message);
      startButton.disabled = false;
    }
  }

  function renderChat(session) {
    const directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: new URL('v3/directline', document.baseURI).href.replace(/\/$/, ''),
      webSocket: true
    });
    // Web Chat's welcome pattern: tell the bot we joined once the connection is up, and it greets us.
    const store = window.WebChat.createStore({}, ({ dispatch }) => next => action => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: navigator.language } } });
      }
      return next(action);
    });
    form.hidden = true;
    chatElement.hidden = false;
    subtitle.textContent = session.userName ? `Signed in as ${session.userName}` : 'Guest';
    window.WebChat.renderWebChat({
      directLine,
      store,
      userID: session.userId,
      username: session.userName || 'Guest',
      locale: 'en-GB',
      // The agent console shows "customer is typing…" from these.
      sendTypingIndicator: true,
      avatarMiddleware,
      activityStatusMiddleware,
      groupActivitiesMiddleware,
      overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Type your message…' },
      styleOptions: {
        accent: '#0b5fff',
        botAvatarInitials: 'BW',
        userAvatarInitials: initials(session.userName),
        bubbleBorderRadius: 12,
        bubbleFromUserBorderRadius: 12,
        bubbleFromUserBackground: '#e8f0ff',
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 16,
        hideUploadButton: true,
        typingAnimationDuration: 5000
      }
    }, chatElement);
    chatElement.querySelector('input, textarea')?.focus();
  }

  // A human agent's replies arrive as bot-role activities with from.id "agent:…" and from.name the agent's name.
  function isFromAgent(activity) {
    return activity?.from?.role === 'bot' && typeof activity.from.id === 'string' && activity.from.id.startsWith('agent:');
  }

  // The Web Chat bundle keeps React to itself, so middleware builds plain React elements (the $$typeof protocol of
  // React 16, which webchat.js ships). Text children are escaped by React, so the agent's name is never HTML.
  const reactElement = Symbol.for('react.element');
  function h(type, props, ...children) {
    return {
      $$typeof: reactElement,
      type,
      key: props?.key ?? null,
      ref: null,
      props: { ...props, children: children.length === 1 ? children[0] : children },
      _owner: null
    };
  }

  // Agent messages carry the agent's name next to the timestamp (once per group, where Web Chat shows the time), so
  // the customer sees a person has taken over.
  function activityStatusMiddleware() {
    return next => args => {
      const status = next(args);
      if (!isFromAgent(args.activity) || args.hideTimestamp) return status;
      const name = h('span', { key: 'name', className: 'agent-status-name', style: { fontWeight: 600, color: '#0f766e' } }, args.activity.from.name || 'Agent');
      return h('span', { className: 'agent-status' }, name, h('span', { key: 'sep', 'aria-hidden': 'true' }, ' · '), status);
    };
  }

  // Web Chat groups consecutive bot-role messages under one avatar; start a new group where the assistant and an
  // agent (or two agents) take turns, so every change of speaker shows its own avatar and name.
  function groupActivitiesMiddleware() {
    return next => args => {
      const groups = next(args);
      if (!Array.isArray(groups?.sender)) return groups;
      const speaker = activity => (isFromAgent(activity) ? activity.from.id : activity?.from?.role);
      const sender = groups.sender.flatMap(group => {
        const split = [];
        for (const activity of group) {
          const last = split[split.length - 1];
          if (last && speaker(last[last.length - 1]) === speaker(activity)) last.push(activity);
          else split.push([activity]);
        }
        return split;
      });
      return { ...groups, sender };
    };
  }

  // Agent messages show the agent's initials in a teal avatar instead of the assistant's "BW".
  function avatarMiddleware() {
    return next => args => {
      if (!isFromAgent(args.activity)) return next(args);
      const name = args.activity.from.name || 'Agent';
      const size = args.styleOptions?.avatarSize || 40;
      return () => h('div', {
        className: 'agent-avatar',
        role: 'img',
        'aria-label': name,
        title: name,
        style: {
          width: size, height: size, borderRadius: '50%', background: '#0f766e', color: '#fff',
          display: 'flex', alignItems: 'center', justifyContent: 'center', fontFamily: 'inherit'
        }
      }, initials(name));
    };
  }

  function initials(name) {
    if (!name) return 'You';
    return name.split(/\s+/).map(part => part[0]).join('').slice(0, 2).toUpperCase();
  }

  form.addEventListener('submit', startChat);
  loadDemoCustomers();
})();
