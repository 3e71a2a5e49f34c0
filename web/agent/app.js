// Agent console: login, live queue and chats over the WebSocket /agent/ws, callback tickets over the JSON API.
// Plain browser JavaScript without a build step or CDN; every text from citizens and agents is set with
// textContent, never as HTML; the assistant's Markdown is rendered by markdown.js into DOM nodes.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  // `view`: what the main panel shows, a waiter ({ kind: 'queue', id }) or one of my chats ({ kind: 'session', id });
  // `selected`: the id of my chat that the reply box writes to (null while a waiter is shown).
  const state = {
    me: null,
    ws: null,
    queue: [],
    sessions: [],
    selected: null,
    view: null,
    retry: 0,
    closedByUs: false,
    waitTargetSeconds: 120,
    tenantFilter: '',
    seenWaiters: null,
    pendingAccept: null,
    focusReply: false,
    snippetSet: null,
    snippetsFor: null,
  };
  const FILTER_KEY = 'agentConsole.tenant';
  const INTENT = {
    documents: 'Unterlagen',
    fees: 'Kosten',
    howto: 'Ablauf',
    contact: 'Zuständigkeit',
    hours: 'Öffnungszeiten',
    agent: 'eine Person',
    callback: 'Rückruf',
    greeting: 'Begrüßung',
    goodbye: 'Verabschiedung',
    help: 'Hilfe',
    none: 'nicht erkannt',
  };
  const SENDER = { citizen: 'Bürger/in', bot: 'Assistent', agent: 'Service-Center', system: 'System' };
  const REASON = { agent: 'wollte eine Person', misunderstood: 'nicht verstanden', 'not-helped': 'Antwort half nicht' };
  /** Languages written right to left: the bot's answers in them are set right to left (people's text finds its own). */
  const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clock(ms) {
    return new Date(ms).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' });
  }
  function minutes(seconds) {
    return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  }
  /** The wait against the service level: "1:23 / 2:00 min", "2:41 / 2:00 min · über Ziel". */
  function waitAgainstTarget(since) {
    const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
    const over = s > state.waitTargetSeconds;
    return { text: minutes(s) + ' / ' + minutes(state.waitTargetSeconds) + ' min' + (over ? ' · über Ziel' : ''), over: over };
  }
  function setWait(node, since) {
    const w = waitAgainstTarget(since);
    node.textContent = w.text;
    node.classList.toggle('over-target', w.over);
  }
  async function api(path, options) {
    const res = await fetch(
      path,
      Object.assign({ credentials: 'same-origin', headers: { 'content-type': 'application/json' } }, options || {}),
    );
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
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
    // The display name as citizens see it, the login name beside it; the login name stays in the console.
    $('agent-name').textContent = me.displayName || 'Mitarbeiterin oder Mitarbeiter';
    $('agent-login').textContent = '(' + me.name + ')';
    $('agent-name').title = me.displayName
      ? 'Bürgerinnen und Bürger sehen Sie als „' + me.displayName + '“.'
      : 'Bürgerinnen und Bürger sehen Sie als „Mitarbeiterin oder Mitarbeiter des Service-Centers“ (kein Anzeigename hinterlegt).';
    state.seenWaiters = null;
    // The stored Kommune applies at once, before the list of Kommunen arrives.
    state.tenantFilter = storedFilter();
    connect();
    loadTenants();
    loadTickets();
  }

  // ---- per-Kommune filter ---------------------------------------------------------------------------

  function storedFilter() {
    try {
      return window.localStorage.getItem(FILTER_KEY) || '';
    } catch {
      return '';
    }
  }

  async function loadTenants() {
    const res = await api('/agent/api/tenants');
    if (res.status !== 200) return;
    const select = $('tenant-filter');
    select.replaceChildren(el('option', '', 'Alle Kommunen'));
    select.firstChild.value = '';
    for (const t of res.body.tenants) {
      const o = el('option', '', t.name);
      o.value = t.id;
      select.appendChild(o);
    }
    const stored = storedFilter();
    state.tenantFilter = res.body.tenants.some((t) => t.id === stored) ? stored : '';
    select.value = state.tenantFilter;
    state.seenWaiters = state.seenWaiters && new Set(visibleQueue().map((h) => h.id));
    if (state.view && state.view.kind === 'queue' && !visibleQueue().some((h) => h.id === state.view.id)) state.view = null;
    renderQueue();
    renderChat();
    document.title = window.AgentSignals.titleFor(visibleQueue().length);
  }

  $('tenant-filter').addEventListener('change', () => {
    state.tenantFilter = $('tenant-filter').value;
    try {
      window.localStorage.setItem(FILTER_KEY, state.tenantFilter);
    } catch {
      /* this tab only */
    }
    if (state.view && state.view.kind === 'queue' && !visibleQueue().some((h) => h.id === state.view.id)) state.view = null;
    state.seenWaiters = new Set(visibleQueue().map((h) => h.id));
    renderQueue();
    renderChat();
    document.title = window.AgentSignals.titleFor(visibleQueue().length);
  });

  /** The waiters of the chosen Kommune (all without a filter). */
  function visibleQueue() {
    return state.tenantFilter ? state.queue.filter((h) => h.tenant === state.tenantFilter) : state.queue;
  }

  // ---- signals for a new waiter ---------------------------------------------------------------------

  window.AgentSignals.init({ sound: $('sound-toggle'), permission: $('notify-permission') });

  /** The title counter, and the signals for waiters not seen before (not for those already waiting at login). */
  function signalWaiters() {
    const visible = visibleQueue();
    document.title = window.AgentSignals.titleFor(visible.length);
    const fresh = state.seenWaiters ? visible.filter((h) => !state.seenWaiters.has(h.id)) : [];
    state.seenWaiters = new Set(visible.map((h) => h.id));
    window.AgentSignals.announce(fresh, $('signal-status'), (h) => {
      tab('chats');
      show({ kind: 'queue', id: h.id });
    });
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    const res = await api('/agent/api/login', {
      method: 'POST',
      body: JSON.stringify({ name: $('name').value.trim(), password: $('password').value }),
    });
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
    ws.addEventListener('open', () => {
      state.retry = 0;
      setStatus('online', true);
    });
    ws.addEventListener('message', (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      handle(msg);
    });
    ws.addEventListener('close', async (event) => {
      if (state.ws !== ws || state.closedByUs) return;
      setStatus('getrennt – verbinde neu …', false);
      // An expired session ends here; anything else is retried with growing pauses.
      const me = await api('/agent/api/me');
      if (me.status === 401 || event.code === 4001) {
        showLogin('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.');
        return;
      }
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
      case 'hello':
        if (Number(msg.waitTargetSeconds) > 0) state.waitTargetSeconds = Number(msg.waitTargetSeconds);
        break;
      case 'queue':
        state.queue = msg.items || [];
        if (
          state.view &&
          state.view.kind === 'queue' &&
          !state.queue.some((h) => h.id === state.view.id) &&
          state.view.id !== state.pendingAccept
        )
          state.view = null;
        renderQueue();
        signalWaiters();
        renderChat();
        break;
      case 'sessions':
        state.sessions = msg.items || [];
        // The chat just accepted opens in the main panel with the cursor in the reply box.
        if (state.pendingAccept && state.sessions.some((s) => s.id === state.pendingAccept)) {
          state.view = { kind: 'session', id: state.pendingAccept };
          state.pendingAccept = null;
          state.focusReply = true;
        }
        if (state.view && state.view.kind === 'session' && !state.sessions.some((s) => s.id === state.view.id)) state.view = null;
        if (!state.view && state.sessions.length > 0) state.view = { kind: 'session', id: state.sessions[state.sessions.length - 1].id };
        renderSessions();
        renderQueue();
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
      case 'tickets-changed':
        loadTickets();
        break;
      case 'error':
        state.pendingAccept = null;
        $('chat-error').textContent = msg.message || 'Fehler';
        break;
      default:
        break;
    }
  }

  // ---- the citizen's language ---------------------------------------------------------------------------
  // A conversation that is not German names its language (`language`, ISO 639-1, and `languageName`, its own name);
  // its bot lines carry the language they were said in and, when known, the German original of the same reply.

  /** A language's own name ("English", "Türkçe"), from the browser; the code when it knows none. */
  function nameOf(code, known) {
    if (known) return known;
    try {
      const name = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
    } catch {
      return code;
    }
  }

  /** "English (en)": the name in its own language and script (isolated, for Arabic in a German line), then the code. */
  function languageLabel(code, name, cls) {
    const span = el('span', cls || 'lang');
    const own = el('bdi', '', nameOf(code, name));
    own.lang = code;
    span.appendChild(own);
    span.appendChild(document.createTextNode(' (' + code + ')'));
    return span;
  }

  function languageText(h) {
    return h.language ? nameOf(h.language, h.languageName) + ' (' + h.language + ')' : '';
  }

  // ---- rendering ------------------------------------------------------------------------------------

  /** The assistant's Markdown as formatted text (markdown.js builds DOM nodes, no HTML), in its language's direction. */
  function markdownBody(text, lang) {
    const body = el('div', 'md');
    if (lang) {
      body.lang = lang;
      body.dir = RTL.has(lang) ? 'rtl' : 'auto';
    }
    body.appendChild(window.AgentMarkdown.render(text, document));
    return body;
  }

  // What people typed (citizen, agent) literally, as the citizen's chat shows an agent's text, in its own direction.
  // A bot line said in another language shows beside (on a narrow screen: under) its German original, marked
  // "Deutsch:", so the agent reads what the citizen read and what the assistant meant.
  function messageBody(m) {
    if (m.sender !== 'bot') {
      const span = el('span', 'text', m.text);
      span.dir = 'auto';
      return span;
    }
    if (!m.language || !m.original) return markdownBody(m.text, m.language);
    const pair = el('div', 'bilingual');
    const read = el('div', 'translation');
    const said = languageLabel(m.language, null, 'lang-label');
    said.appendChild(document.createTextNode(':'));
    read.appendChild(said);
    read.appendChild(markdownBody(m.text, m.language));
    const original = el('div', 'original');
    original.lang = 'de';
    original.appendChild(el('span', 'lang-label', 'Deutsch:'));
    original.appendChild(markdownBody(m.original, 'de'));
    pair.appendChild(read);
    pair.appendChild(original);
    return pair;
  }

  function transcriptList(lines, cls) {
    const ol = el('ol', cls);
    for (const m of lines) {
      const li = el('li', 'msg msg-' + m.sender + (m.sender === 'bot' && m.language && m.original ? ' msg-bilingual' : ''));
      li.appendChild(el('span', 'who', (m.author || SENDER[m.sender] || m.sender) + ' · ' + clock(m.at)));
      li.appendChild(messageBody(m));
      ol.appendChild(li);
    }
    return ol;
  }

  function topicLine(h) {
    return h.topic || 'Allgemeine Frage';
  }

  /** Shows a waiter or one of my chats in the main panel. */
  function show(view) {
    state.view = view;
    $('chat-error').textContent = '';
    renderQueue();
    renderSessions();
    renderChat();
  }

  function accept(id) {
    $('chat-error').textContent = '';
    state.pendingAccept = id;
    send({ type: 'accept', id: id });
  }

  /** Nothing chosen and no chat of mine: the longest waiter of the agent's Kommune opens in the main panel. */
  function ensureView() {
    const visible = visibleQueue();
    if (!state.view && state.sessions.length === 0 && visible.length > 0) state.view = { kind: 'queue', id: visible[0].id };
  }

  function renderQueue() {
    const ul = $('queue');
    ul.replaceChildren();
    const visible = visibleQueue();
    ensureView();
    for (const h of visible) {
      const selected = state.view && state.view.kind === 'queue' && state.view.id === h.id;
      const li = el('li', 'item queue-item' + (selected ? ' selected' : ''));
      li.dataset.id = h.id;
      const open = el('button', 'open');
      open.type = 'button';
      open.setAttribute('aria-pressed', String(Boolean(selected)));
      const row = el('span', 'row');
      row.appendChild(el('span', 'topic', topicLine(h)));
      const wait = el('span', 'meta wait');
      wait.dataset.since = String(h.queuedAt);
      setWait(wait, h.queuedAt);
      row.appendChild(wait);
      open.appendChild(row);
      const meta = el('span', 'meta', h.tenantName + ' · ');
      if (h.language) {
        meta.appendChild(languageLabel(h.language, h.languageName, 'lang-badge'));
        meta.appendChild(document.createTextNode(' · '));
      }
      meta.appendChild(document.createTextNode('Platz ' + h.position + ' · ' + (REASON[h.reason] || h.reason)));
      open.appendChild(meta);
      open.addEventListener('click', () => show({ kind: 'queue', id: h.id }));
      li.appendChild(open);
      const acceptButton = el('button', 'accept', 'Annehmen');
      acceptButton.type = 'button';
      acceptButton.addEventListener('click', () => accept(h.id));
      li.appendChild(acceptButton);
      ul.appendChild(li);
    }
    $('queue-count').textContent = String(visible.length);
    const hidden = state.queue.length - visible.length;
    $('queue-hidden').hidden = hidden === 0;
    $('queue-hidden').textContent =
      hidden === 1 ? '1 weitere Anfrage in anderen Kommunen' : hidden + ' weitere Anfragen in anderen Kommunen';
    $('queue-empty').hidden = visible.length > 0;
  }

  function renderSessions() {
    const ul = $('sessions');
    ul.replaceChildren();
    for (const s of state.sessions) {
      const selected = state.view && state.view.kind === 'session' && state.view.id === s.id;
      const li = el('li', 'item session-item' + (selected ? ' selected' : ''));
      li.dataset.id = s.id;
      const b = el('button', 'secondary', topicLine(s) + ' – ' + s.tenantName + (s.language ? ' · ' + languageText(s) : ''));
      b.type = 'button';
      b.setAttribute('aria-pressed', String(Boolean(selected)));
      b.addEventListener('click', () => show({ kind: 'session', id: s.id }));
      li.appendChild(b);
      ul.appendChild(li);
    }
    $('sessions-empty').hidden = state.sessions.length > 0;
  }

  /** Kommune, topic, what the bot understood and the wait, above the conversation. */
  function renderFacts(h, isWaiter) {
    const dl = $('chat-facts');
    dl.replaceChildren();
    const fact = (term, value, cls) => {
      const div = el('div', 'fact');
      div.appendChild(el('dt', '', term));
      const dd = el('dd', cls || '', value);
      div.appendChild(dd);
      dl.appendChild(div);
      return dd;
    };
    fact('Kommune', h.tenantName);
    // The citizen's language, only when it is not German.
    if (h.language) fact('Sprache', '', 'lang-fact').appendChild(languageLabel(h.language, h.languageName));
    const set = state.snippetSet && state.snippetSet.id === h.id ? state.snippetSet.set : null;
    const service = set && set.service ? set.service.name : h.service || 'nicht erkannt';
    fact('Leistung', service);
    fact('Gefragt nach', h.intent ? INTENT[h.intent] || h.intent : 'nicht erkannt');
    fact('Grund', REASON[h.reason] || h.reason);
    if (isWaiter) {
      const wait = fact('Wartet', '', 'wait');
      wait.dataset.since = String(h.queuedAt);
      setWait(wait, h.queuedAt);
    } else {
      fact('Angenommen', clock(h.acceptedAt || Date.now()) + ' Uhr');
    }
    dl.hidden = false;
  }

  /** Loads the Textbausteine (and the service's name) for the conversation shown, once per conversation. */
  function loadSnippets(h) {
    if (state.snippetsFor === h.id) return;
    state.snippetsFor = h.id;
    snippets
      .load(h.id)
      .then((set) => {
        if (!set || state.snippetsFor !== h.id) return;
        state.snippetSet = { id: h.id, set: set };
        renderChat();
      })
      .catch(() => undefined);
  }

  function renderChat() {
    ensureView();
    const view = state.view;
    const waiter = view && view.kind === 'queue' ? state.queue.find((x) => x.id === view.id) : undefined;
    const s = view && view.kind === 'session' ? state.sessions.find((x) => x.id === view.id) : undefined;
    state.selected = s ? s.id : null;
    const h = s || waiter;
    $('composer').hidden = !s;
    $('waiter-actions').hidden = !waiter;
    // What the agent writes goes to the citizen as typed: no translation (said where the agent types).
    $('message-language').hidden = !(s && s.language);
    $('message-language').textContent =
      s && s.language
        ? 'Die Bürgerin oder der Bürger liest ' +
          languageText(s) +
          '. Ihre Nachricht geht so an sie oder ihn, wie Sie sie schreiben – ohne Übersetzung.'
        : '';
    if (!h) {
      $('chat-title').textContent = 'Kein Gespräch ausgewählt';
      $('chat-meta').hidden = false;
      $('chat-meta').textContent =
        visibleQueue().length > 0
          ? 'Wählen Sie links eine Anfrage aus der Warteschlange.'
          : 'Niemand wartet. Neue Anfragen erscheinen links; der Titel des Tabs zählt sie.';
      $('chat-facts').hidden = true;
      $('transcript').replaceChildren();
      delete $('transcript').dataset.for;
      return;
    }
    $('chat-title').textContent = topicLine(h);
    $('chat-meta').hidden = true;
    renderFacts(h, Boolean(waiter));
    loadSnippets(h);
    const old = $('transcript');
    const list = transcriptList(h.transcript, 'transcript');
    list.id = 'transcript';
    list.dataset.for = h.id;
    list.setAttribute('aria-live', 'polite');
    list.setAttribute('aria-label', waiter ? 'Bisheriger Verlauf mit dem Assistenten' : 'Gespräch');
    // The latest in view (what the citizen asked last, not the greeting), unless the agent scrolled up to read.
    const reading = old.dataset.for === h.id && old.scrollTop + old.clientHeight < old.scrollHeight - 40;
    const at = old.scrollTop;
    old.replaceWith(list);
    list.scrollTop = reading ? at : list.scrollHeight;
    if (s && state.focusReply) {
      state.focusReply = false;
      $('message').focus();
    }
  }

  $('accept-selected').addEventListener('click', () => {
    if (state.view && state.view.kind === 'queue') accept(state.view.id);
  });

  const snippets = window.AgentSnippets.create({
    search: $('snippet-search'),
    list: $('snippet-list'),
    textarea: $('message'),
    status: $('snippet-status'),
  });
  // Alt+B: to the Textbausteine from anywhere in a chat (the reply box, the transcript).
  document.addEventListener('keydown', (event) => {
    if (
      event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      (event.key === 'b' || event.key === 'B' || event.code === 'KeyB') &&
      !$('composer').hidden
    ) {
      event.preventDefault();
      snippets.focusSearch();
    }
  });

  $('send-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (!text || !state.selected) return;
    $('chat-error').textContent = '';
    send({ type: 'send', id: state.selected, text: text });
    $('message').value = '';
  });
  $('message').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('send-form').requestSubmit();
    }
  });
  $('end').addEventListener('click', () => {
    if (state.selected) send({ type: 'end', id: state.selected });
  });
  $('requeue').addEventListener('click', () => {
    if (state.selected) send({ type: 'requeue', id: state.selected });
  });

  setInterval(() => {
    for (const w of document.querySelectorAll('.wait[data-since]')) setWait(w, Number(w.dataset.since));
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
  $('tab-tickets').addEventListener('click', () => {
    tab('tickets');
    loadTickets();
  });

  // The tickets' view is web/agent/tickets.js; the console only says when to load it.
  const tickets = window.AgentTickets.create({
    api: api,
    onUnauthorized: () => showLogin('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.'),
  });
  function loadTickets() {
    return tickets.load();
  }

  // ---- start ----------------------------------------------------------------------------------------

  api('/agent/api/me').then((res) => (res.status === 200 ? showConsole(res.body) : showLogin('')));
})();
