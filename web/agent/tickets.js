// Agent console: callback tickets (Rückrufwünsche). Each ticket shows when it was requested and when the call is
// due (overdue ones marked, in words and colour), the number as the citizen typed it as a tel: link, the service
// and topic, the status history with who and when, and on demand the conversation up to the request (the
// assistant's Markdown rendered by markdown.js, people's text literally). The day's tickets download as CSV.
// Plain browser JavaScript; every text from citizens and agents is set with textContent, never as HTML.
'use strict';

(function () {
  const STATUS = { offen: 'offen', in_bearbeitung: 'in Bearbeitung', erledigt: 'erledigt', nicht_erreicht: 'nicht erreicht' };
  const OPEN = ['offen', 'in_bearbeitung'];
  const SENDER = { citizen: 'Bürger/in', bot: 'Assistent', agent: 'Service-Center', system: 'System' };
  const DATE_TIME = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const TIME = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

  /** "24.11.2026 10:02" in Berlin time, as the CSV export writes it. */
  function when(ms) {
    return DATE_TIME.format(new Date(ms)).replace(',', '');
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fact(dl, label, value, cls) {
    dl.appendChild(el('dt', '', label));
    const dd = el('dd', cls || '');
    if (typeof value === 'string') dd.textContent = value;
    else dd.appendChild(value);
    dl.appendChild(dd);
    return dd;
  }

  function create(options) {
    const $ = (id) => document.getElementById(id);
    const state = { tickets: [], offset: 0, expanded: new Set(), contexts: new Map(), day: '' };

    /** The server's clock (tickets are due by it), kept running here. */
    function now() {
      return Date.now() + state.offset;
    }
    function isOverdue(t) {
      return OPEN.includes(t.status) && t.overdueAt < now();
    }

    async function load() {
      const res = await options.api('/agent/api/tickets');
      if (res.status === 401) {
        options.onUnauthorized();
        return;
      }
      if (res.status !== 200 || !res.body) return;
      state.offset = (res.body.now || Date.now()) - Date.now();
      state.tickets = res.body.tickets || [];
      // A changed ticket's conversation does not change, but it may have been deleted: read again when opened.
      state.contexts.clear();
      if (!state.day) setDay(DAY.format(new Date(now())));
      render();
    }

    function setDay(day) {
      state.day = day;
      $('tickets-day').value = day;
      $('tickets-export').href = '/agent/api/tickets/export.csv?date=' + encodeURIComponent(day);
      $('tickets-export').setAttribute('download', 'rueckrufe-' + day + '.csv');
    }
    $('tickets-day').addEventListener('change', () => {
      if ($('tickets-day').value) setDay($('tickets-day').value);
    });

    function historyList(t) {
      const ol = el('ol', 'history');
      for (const h of t.history || []) {
        const li = el('li', 'history-' + h.status);
        li.appendChild(el('span', 'history-status', STATUS[h.status] || h.status));
        li.appendChild(el('span', 'history-at', when(h.at)));
        li.appendChild(el('span', 'history-by', h.by || 'Rückrufwunsch im Chat'));
        ol.appendChild(li);
      }
      return ol;
    }

    function messageBody(m) {
      if (m.sender !== 'bot' || !window.AgentMarkdown) return document.createTextNode(m.text);
      const body = el('div', 'md');
      body.appendChild(window.AgentMarkdown.render(m.text, document));
      return body;
    }

    function contextList(lines) {
      if (lines.length === 0) return el('p', 'muted', 'Kein Gesprächsverlauf (mehr) vorhanden.');
      const ol = el('ol', 'transcript context');
      for (const m of lines) {
        const li = el('li', 'msg msg-' + m.sender);
        li.appendChild(el('span', 'who', (m.author || SENDER[m.sender] || m.sender) + ' · ' + TIME.format(new Date(m.at))));
        li.appendChild(messageBody(m));
        ol.appendChild(li);
      }
      return ol;
    }

    async function showContext(t, box) {
      let lines = state.contexts.get(t.id);
      if (!lines) {
        box.replaceChildren(el('p', 'muted', 'Lädt …'));
        const res = await options.api('/agent/api/tickets/' + t.id);
        if (res.status === 401) {
          options.onUnauthorized();
          return;
        }
        if (res.status !== 200 || !res.body) {
          box.replaceChildren(el('p', 'error', 'Der Verlauf konnte nicht geladen werden.'));
          return;
        }
        lines = res.body.context || [];
        state.contexts.set(t.id, lines);
      }
      box.replaceChildren(contextList(lines));
    }

    function card(t) {
      const li = el('li', 'ticket' + (isOverdue(t) ? ' overdue' : ''));
      li.dataset.reference = t.reference;
      li.dataset.id = String(t.id);
      li.dataset.status = t.status;

      const head = el('div', 'ticket-head');
      head.appendChild(el('strong', 'reference', t.reference));
      head.appendChild(el('span', 'chip status-' + t.status, STATUS[t.status] || t.status));
      const flag = el('span', 'chip overdue-flag', 'überfällig');
      flag.hidden = !isOverdue(t);
      head.appendChild(flag);
      head.appendChild(el('span', 'spacer'));
      head.appendChild(el('span', 'tenant', t.tenantName));
      li.appendChild(head);
      li.appendChild(el('h3', 'ticket-title', t.serviceName || t.topic || 'Rückrufwunsch ohne Angabe'));

      const dl = el('dl', 'facts');
      fact(dl, 'Erstellt', when(t.createdAt), 'created');
      const due = fact(dl, 'Fällig', t.wishedText, 'due');
      due.title = 'fällig ' + when(t.dueAt);
      const tel = el('a', 'tel', t.phoneDisplay);
      tel.href = t.phoneHref;
      tel.setAttribute('aria-label', t.phoneDisplay + ' anrufen');
      fact(dl, 'Telefon', tel, 'phone');
      fact(dl, 'Anliegen', t.topic || 'keine Angabe', 'topic');
      fact(dl, 'Leistung', t.serviceName || '–', 'service');
      li.appendChild(dl);

      const work = el('div', 'work');
      const status = el('select', 'status-select');
      status.setAttribute('aria-label', 'Status von ' + t.reference);
      for (const [value, label] of Object.entries(STATUS)) {
        const o = el('option', '', label);
        o.value = value;
        o.selected = t.status === value;
        status.appendChild(o);
      }
      const note = el('input', 'note');
      note.value = t.note;
      note.maxLength = 2000;
      note.placeholder = 'Notiz';
      note.setAttribute('aria-label', 'Notiz zu ' + t.reference);
      const save = el('button', 'save', 'Speichern');
      save.type = 'button';
      save.addEventListener('click', async () => {
        const res = await options.api('/agent/api/tickets/' + t.id, {
          method: 'POST',
          body: JSON.stringify({ status: status.value, note: note.value }),
        });
        if (res.status === 401) {
          options.onUnauthorized();
          return;
        }
        // The list is re-rendered when the server reports the change, so the result is shown beside it.
        $('tickets-status').textContent =
          res.status === 200
            ? t.reference + ' gespeichert.'
            : t.reference + ': nicht gespeichert (' + ((res.body && res.body.error) || res.status) + ').';
      });
      work.append(status, note, save);
      li.appendChild(work);

      const history = el('section', 'history-box');
      history.appendChild(el('h4', '', 'Statusverlauf'));
      history.appendChild(historyList(t));
      li.appendChild(history);

      const details = el('details', 'context-box');
      details.appendChild(el('summary', '', 'Gesprächsverlauf bis zum Rückrufwunsch'));
      const box = el('div', 'context-lines');
      details.appendChild(box);
      details.open = state.expanded.has(t.id);
      if (details.open) void showContext(t, box);
      details.addEventListener('toggle', () => {
        if (details.open) {
          state.expanded.add(t.id);
          void showContext(t, box);
        } else state.expanded.delete(t.id);
      });
      li.appendChild(details);
      return li;
    }

    function render() {
      const list = $('ticket-list');
      list.replaceChildren(...state.tickets.map(card));
      const open = state.tickets.filter((t) => OPEN.includes(t.status)).length;
      $('ticket-count').textContent = open ? String(open) : '';
      $('tickets-empty').hidden = state.tickets.length > 0;
      markOverdue();
    }

    /** A ticket becomes overdue while the agent looks at the list. */
    function markOverdue() {
      let overdue = 0;
      for (const t of state.tickets) {
        const item = $('ticket-list').querySelector('li.ticket[data-id="' + t.id + '"]');
        const late = isOverdue(t);
        if (late) overdue += 1;
        if (!item) continue;
        item.classList.toggle('overdue', late);
        item.querySelector('.overdue-flag').hidden = !late;
      }
      $('tickets-overdue').textContent = overdue ? overdue + ' überfällig' : '';
    }
    setInterval(markOverdue, 30000);

    return { load: load };
  }

  window.AgentTickets = { create: create };
})();
