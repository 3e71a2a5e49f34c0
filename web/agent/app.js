// Agent console: login, live queue and chats over the WebSocket /agent/ws, callback tickets over the JSON API.
// Plain browser JavaScript without a build step or CDN; every text from citizens and agents is set with
// textContent, never as HTML; the assistant's Markdown is rendered by markdown.js into DOM nodes.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, ws: null, queue: [], sessions: [], selected: null, retry: 0, closedByUs: false };
  const SENDER = { citizen: 'Bürger/in', bot: 'Assistent', agent: 'Service-Center', system: 'System' };
  const REASON = { agent: 'wollte eine Person', misunderstood: 'nicht verstanden', 'not-helped': 'Antwort half nicht' };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clock(ms) { return new Date(ms).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' }); }
  function waited(since) {
    const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0') + ' min';
  }
  async function api(path, options) {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin', headers: { 'content-type': 'application/json' } }, options || {}));
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    return { status: res.status, body: body };
  }

  // ---- login ----------------------------------------------------------------------------------------

  function showLogin(message) {
    state.me = null;
    $('console').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('name').focus();
  }

  async function showConsole(me) {
    state.me = me;
    $('login').hidden = true;
    $('console').hidden = false;
    $('agent-name').textContent = me.name;
    // The login name stays here; citizens see the display name, or a neutral "Mitarbeiterin oder Mitarbeiter".
    $('agent-name').title = me.displayName
      ? 'Bürgerinnen und Bürger sehen Sie als „' + me.displayName + '“.'
      : 'Bürgerinnen und Bürger sehen Sie als „Mitarbeiterin oder Mitarbeiter des Service-Centers“ (kein Anzeigename hinterlegt).';
    connect();
    loadTickets();
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    const res = await api('/agent/api/login', { method: 'POST', body: JSON.stringify({ name: $('name').value.trim(), password: $('password').value }) });
    $('password').value = '';
    if (res.status === 200) showConsole(res.body);
    else showLogin((res.body && res.body.error) || 'Anmeldung fehlgeschlagen.');
  });

  $('logout').addEventListener('click', async () => {
    state.closedByUs = true;
    if (state.ws) state.ws.close();
    await api('/agent/api/logout', { method: 'POST', body: '{}' });
    showLogin('Sie sind abgemeldet.');
  });

  // ---- live connection ------------------------------------------------------------------------------

  function setStatus(text, online) {
    $('connection-status').textContent = text;
    $('connection-status').classList.toggle('online', online);
  }

  function connect() {
    state.closedByUs = false;
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/agent/ws');
    state.ws = ws;
    setStatus('verbinde …', false);
    ws.addEventListener('open', () => { state.retry = 0; setStatus('online', true); });
    ws.addEventListener('message', (event) => {
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      handle(msg);
    });
    ws.addEventListener('close', async (event) => {
      if (state.ws !== ws || state.closedByUs) return;
      setStatus('getrennt – verbinde neu …', false);
      // An expired session ends here; anything else is retried with growing pauses.
      const me = await api('/agent/api/me');
      if (me.status === 401 || event.code === 4001) { showLogin('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.'); return; }
      state.retry = Math.min(state.retry + 1, 5);
      setTimeout(connect, 500 * 2 ** state.retry);
    });
  }

  function send(message) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(message));
    else $('chat-error').textContent = 'Keine Verbindung – bitte einen Moment warten.';
  }

  function handle(msg) {
    switch (msg.type) {
      case 'hello': break;
      case 'queue': state.queue = msg.items || []; renderQueue(); break;
      case 'sessions':
        state.sessions = msg.items || [];
        if (state.selected && !state.sessions.some((s) => s.id === state.selected)) state.selected = null;
        if (!state.selected && state.sessions.length > 0) state.selected = state.sessions[state.sessions.length - 1].id;
        renderSessions();
        renderChat();
        break;
      case 'message': {
        const s = state.sessions.find((x) => x.id === msg.handoffId);
        if (s && !s.transcript.some((m) => m.id === msg.message.id)) s.transcript.push(msg.message);
        if (msg.handoffId === state.selected) renderChat();
        break;
      }
      case 'ended':
        if (msg.by === 'citizen') $('chat-error').textContent = 'Die Bürgerin oder der Bürger hat das Gespräch beendet.';
        break;
      case 'tickets-changed': loadTickets(); break;
      case 'error': $('chat-error').textContent = msg.message || 'Fehler'; break;
      default: break;
    }
  }

  // ---- rendering ------------------------------------------------------------------------------------

  // The assistant's Markdown as formatted text (markdown.js builds DOM nodes, no HTML); what people typed
  // (citizen, agent) literally, as the citizen's chat shows an agent's text.
  function messageBody(m) {
    if (m.sender !== 'bot') return document.createTextNode(m.text);
    const body = el('div', 'md');
    body.appendChild(window.AgentMarkdown.render(m.text, document));
    return body;
  }

  function transcriptList(lines, cls) {
    const ol = el('ol', cls);
    for (const m of lines) {
      const li = el('li', 'msg msg-' + m.sender);
      li.appendChild(el('span', 'who', (m.author || SENDER[m.sender] || m.sender) + ' · ' + clock(m.at)));
      li.appendChild(messageBody(m));
      ol.appendChild(li);
    }
    return ol;
  }

  function topicLine(h) { return (h.topic || 'Allgemeine Frage'); }

  function renderQueue() {
    const ul = $('queue');
    ul.replaceChildren();
    for (const h of state.queue) {
      const li = el('li', 'item queue-item');
      li.dataset.id = h.id;
      const row = el('div', 'row');
      row.appendChild(el('span', 'topic', topicLine(h)));
      row.appendChild(el('span', 'meta wait', waited(h.queuedAt)));
      row.lastChild.dataset.since = String(h.queuedAt);
      li.appendChild(row);
      li.appendChild(el('div', 'meta', h.tenantName + ' · Platz ' + h.position + ' · ' + (REASON[h.reason] || h.reason)));
      const details = el('details');
      details.open = state.queue.length <= 3;
      details.appendChild(el('summary', '', 'Verlauf mit dem Assistenten (' + h.transcript.length + ')'));
      details.appendChild(transcriptList(h.transcript, 'preview'));
      li.appendChild(details);
      const accept = el('button', 'accept', 'Annehmen');
      accept.type = 'button';
      accept.addEventListener('click', () => { $('chat-error').textContent = ''; send({ type: 'accept', id: h.id }); });
      li.appendChild(accept);
      ul.appendChild(li);
    }
    $('queue-count').textContent = String(state.queue.length);
    $('queue-empty').hidden = state.queue.length > 0;
  }

  function renderSessions() {
    const ul = $('sessions');
    ul.replaceChildren();
    for (const s of state.sessions) {
      const li = el('li', 'item session-item' + (s.id === state.selected ? ' selected' : ''));
      li.dataset.id = s.id;
      const b = el('button', 'secondary', topicLine(s) + ' – ' + s.tenantName);
      b.type = 'button';
      b.addEventListener('click', () => { state.selected = s.id; renderSessions(); renderChat(); });
      li.appendChild(b);
      ul.appendChild(li);
    }
    $('sessions-empty').hidden = state.sessions.length > 0;
  }

  function renderChat() {
    const s = state.sessions.find((x) => x.id === state.selected);
    $('send-form').hidden = !s;
    if (!s) {
      $('chat-title').textContent = 'Kein Gespräch ausgewählt';
      $('chat-meta').textContent = 'Nehmen Sie ein Gespräch aus der Warteschlange an.';
      $('transcript').replaceChildren();
      return;
    }
    $('chat-title').textContent = topicLine(s);
    $('chat-meta').textContent = s.tenantName + ' · ' + (REASON[s.reason] || s.reason) + ' · angenommen ' + clock(s.acceptedAt || Date.now())
      + (s.intent ? ' · Absicht: ' + s.intent : '') + (s.service ? ' · Leistung: ' + s.service : '');
    const list = transcriptList(s.transcript, 'transcript');
    list.id = 'transcript';
    $('transcript').replaceWith(list);
    list.scrollTop = list.scrollHeight;
  }

  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (!text || !state.selected) return;
    $('chat-error').textContent = '';
    send({ type: 'send', id: state.selected, text: text });
    $('message').value = '';
  });
  $('message').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); $('send-form').requestSubmit(); }
  });
  $('end').addEventListener('click', () => { if (state.selected) send({ type: 'end', id: state.selected }); });
  $('requeue').addEventListener('click', () => { if (state.selected) send({ type: 'requeue', id: state.selected }); });

  setInterval(() => {
    for (const w of document.querySelectorAll('.wait[data-since]')) w.textContent = waited(Number(w.dataset.since));
  }, 1000);

  // ---- tabs and tickets -----------------------------------------------------------------------------

  function tab(which) {
    const chats = which === 'chats';
    $('chats').hidden = !chats;
    $('tickets').hidden = chats;
    $('tab-chats').classList.toggle('active', chats);
    $('tab-tickets').classList.toggle('active', !chats);
    $('tab-chats').setAttribute('aria-pressed', String(chats));
    $('tab-tickets').setAttribute('aria-pressed', String(!chats));
  }
  $('tab-chats').addEventListener('click', () => tab('chats'));
  $('tab-tickets').addEventListener('click', () => { tab('tickets'); loadTickets(); });

  // The tickets' view is web/agent/tickets.js; the console only says when to load it.
  const tickets = window.AgentTickets.create({
    api: api,
    onUnauthorized: () => showLogin('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.'),
  });
  function loadTickets() { return tickets.load(); }

  // ---- start ----------------------------------------------------------------------------------------

  api('/agent/api/me').then((res) => (res.status === 200 ? showConsole(res.body) : showLogin('')));
})();
