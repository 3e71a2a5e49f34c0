// Textbausteine beside the reply box: the snippets the server builds from the knowledge for the conversation's
// Kommune (its service first), filtered as the agent types, inserted into the reply box with Enter (or a click);
// the agent then sends as usual. Alt+B from anywhere in the console jumps to the search. Snippets are plain text
// and shown with textContent only. Plain browser JavaScript like app.js.
'use strict';

(function (root) {
  const MAX_SHOWN = 40;
  const cache = new Map();

  /** Lower case, umlauts and ß folded, accents dropped: "Gebühr" and "gebuehr" find the same. */
  function fold(text) {
    return String(text)
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  }

  /** The snippets whose title or text hold every word of the query, in the server's order. */
  function filter(snippets, query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return snippets.slice();
    return snippets.filter((s) => {
      const hay = s.folded || (s.folded = fold(s.title + ' ' + s.text));
      return words.every((w) => hay.includes(w));
    });
  }

  function create(options) {
    const search = options.search;
    const list = options.list;
    const textarea = options.textarea;
    const status = options.status;
    let snippets = [];
    let shown = [];
    let active = 0;
    let current = null;

    function render() {
      shown = filter(snippets, search.value);
      if (active >= shown.length) active = Math.max(0, shown.length - 1);
      list.replaceChildren();
      shown.slice(0, MAX_SHOWN).forEach((s, i) => {
        const li = root.document.createElement('li');
        li.id = 'snippet-' + i;
        li.className = 'snippet' + (i === active ? ' active' : '');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.dataset.id = s.id;
        const title = root.document.createElement('span');
        title.className = 'snippet-title';
        title.textContent = s.title;
        const preview = root.document.createElement('span');
        preview.className = 'snippet-preview';
        preview.textContent = s.text.split('\n').filter(Boolean).slice(0, 2).join(' · ');
        li.append(title, preview);
        li.addEventListener('mousedown', (event) => event.preventDefault());
        li.addEventListener('click', () => {
          active = i;
          insert();
        });
        list.appendChild(li);
      });
      if (shown.length > 0) search.setAttribute('aria-activedescendant', 'snippet-' + active);
      else search.removeAttribute('aria-activedescendant');
      status.textContent =
        snippets.length === 0
          ? ''
          : shown.length === 0
            ? 'Kein Textbaustein passt.'
            : shown.length > MAX_SHOWN
              ? MAX_SHOWN + ' von ' + shown.length + ' gezeigt – weiter eingrenzen'
              : shown.length + ' Textbausteine';
    }

    function move(by) {
      if (shown.length === 0) return;
      active = Math.min(Math.min(shown.length, MAX_SHOWN) - 1, Math.max(0, active + by));
      render();
      const li = root.document.getElementById('snippet-' + active);
      if (li) li.scrollIntoView({ block: 'nearest' });
    }

    /** The active snippet into the reply box at the cursor (a blank line from what is there), then the box gets the focus. */
    function insert() {
      const s = shown[active];
      if (!s) return;
      const value = textarea.value;
      const start = textarea.selectionStart ?? value.length;
      const end = textarea.selectionEnd ?? value.length;
      const before = value.slice(0, start).replace(/\s+$/, '');
      const after = value.slice(end).replace(/^\s+/, '');
      const head = before ? before + '\n\n' : '';
      textarea.value = head + s.text + (after ? '\n\n' + after : '');
      const caret = (head + s.text).length;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
      textarea.dispatchEvent(new root.Event('input', { bubbles: true }));
    }

    search.addEventListener('input', () => {
      active = 0;
      render();
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        move(1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        move(-1);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        insert();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        textarea.focus();
      }
    });

    return {
      /** Loads the snippets of a conversation (once per conversation); resolves to the response (tenant, service). */
      async load(handoffId) {
        current = handoffId;
        let set = cache.get(handoffId);
        if (!set) {
          const res = await fetch('/agent/api/snippets?handoff=' + encodeURIComponent(handoffId), { credentials: 'same-origin' });
          if (res.status !== 200) {
            if (current === handoffId) {
              snippets = [];
              render();
              status.textContent = 'Keine Textbausteine verfügbar.';
            }
            return null;
          }
          set = await res.json();
          cache.set(handoffId, set);
        }
        if (current !== handoffId) return set;
        snippets = set.snippets || [];
        active = 0;
        render();
        return set;
      },
      focusSearch() {
        search.focus();
        search.select();
      },
    };
  }

  root.AgentSnippets = { create: create, filter: filter, fold: fold };
})(window);
