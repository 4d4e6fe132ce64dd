// Customer web chat: a demo sign-in, then the official Bot Framework Web Chat on our own Direct Line endpoint.
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

  function initials(name) {
    if (!name) return 'You';
    return name.split(/\s+/).map(part => part[0]).join('').slice(0, 2).toUpperCase();
  }

  form.addEventListener('submit', startChat);
  loadDemoCustomers();
})();
