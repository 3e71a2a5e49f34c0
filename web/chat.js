/*
 * The citizen chat page: the privacy notice first, then Web Chat on this server's own Direct Line.
 * No inline script and no third-party requests: the token comes from POST /chat/<tenant>/token, Web Chat
 * from /static/webchat.js. A reload in the same tab resumes the conversation (token refreshed).
 * The page comes in the citizen's language (the server chose it: ?lang=, else the browser's languages); its
 * texts for this script and Web Chat's locale are in <body data-strings>.
 */
(function () {
  'use strict';

  // The page's CSP allows styles only with this nonce; Web Chat puts it on the styles it injects.
  var nonce = document.currentScript ? document.currentScript.nonce : undefined;
  var tenant = document.body.getAttribute('data-tenant');
  var privacy = document.getElementById('privacy');
  var accept = document.getElementById('accept');
  var chat = document.getElementById('chat');
  var status = document.getElementById('status');
  var storageKey = 'kommune-assistant:' + tenant;
  var strings = JSON.parse(document.body.getAttribute('data-strings') || '{}');
  var lang = document.body.getAttribute('data-lang') || 'de';

  /**
   * The server chose the language from ?lang= or the Accept-Language header. Without ?lang=, the browser's own
   * list (navigator.languages) decides too: when it prefers another offered language, the page reloads in it.
   */
  function preferredLanguage() {
    var offered = (document.body.getAttribute('data-offered') || 'de').split(' ');
    var wanted = window.navigator.languages || [window.navigator.language || ''];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '')
        .toLowerCase()
        .split('-')[0];
      if (offered.indexOf(code) >= 0) return code;
    }
    return 'de';
  }
  if (document.body.getAttribute('data-lang-chosen') !== 'true') {
    var preferred = preferredLanguage();
    if (preferred !== lang) {
      var url = new window.URL(window.location.href);
      url.searchParams.set('lang', preferred);
      window.location.replace(url.href);
      return;
    }
  }

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch (e) {
      return null;
    }
  }

  function save(session) {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(session));
    } catch (e) {
      /* private mode: no resume */
    }
  }

  function postJson(url, token, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}), credentials: 'same-origin' }).then(
      function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      },
    );
  }

  /** A new conversation, or the one of this tab with a refreshed token. */
  function session() {
    var previous = saved();
    var fresh = function () {
      // The page's language goes with the token to the conversation's start: the assistant greets in it.
      return postJson('/chat/' + encodeURIComponent(tenant) + '/token', null, { locale: strings.locale }).then(function (t) {
        var s = { token: t.token, conversationId: t.conversationId, userId: t.userId, resume: false };
        save(s);
        return s;
      });
    };
    if (!previous || !previous.token) return fresh();
    return postJson('/v3/directline/tokens/refresh', previous.token).then(function (t) {
      var s = { token: t.token, conversationId: previous.conversationId, userId: previous.userId, resume: true };
      save(s);
      return s;
    }, fresh);
  }

  function render(s) {
    var primary = cssVar('--primary', '#00507a');
    var onPrimary = cssVar('--on-primary', '#ffffff');
    var accent = cssVar('--accent', primary);
    var options = { token: s.token, domain: window.location.origin + '/v3/directline', webSocket: true };
    if (s.resume) options.conversationId = s.conversationId;
    var directLine = window.WebChat.createDirectLine(options);
    // Keep the token fresh in the tab's storage, so a reload can resume.
    setInterval(function () {
      var current = saved();
      if (current && directLine.token) {
        current.token = directLine.token;
        save(current);
      }
    }, 60000);

    privacy.hidden = true;
    chat.hidden = false;
    status.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: s.userId,
        // Web Chat's own strings, and the `locale` of every activity it sends: the bot answers in it. Arabic
        // (ar-SA) is right-to-left; `dir` says so explicitly (Web Chat would also derive it from the locale).
        locale: strings.locale || 'de-DE',
        dir: strings.dir === 'rtl' ? 'rtl' : 'ltr',
        nonce: nonce,
        styleOptions: {
          accent: accent,
          primaryFont: getComputedStyle(document.documentElement).fontFamily,
          bubbleFromUserBackground: primary,
          bubbleFromUserTextColor: onPrimary,
          bubbleFromUserBorderColor: primary,
          // Stacked, wrapping buttons: the carousel's arrows covered the text on a phone ("Was brauche ich für
          // einen Personalau…"), and a stacked button is readable at any width and a Tab stop of its own.
          suggestedActionLayout: 'stacked',
          suggestedActionsStackedLayoutButtonTextWrap: true,
          suggestedActionHeight: 'auto',
          suggestedActionBorderRadius: 6,
          suggestedActionTextColor: accent,
          suggestedActionBorderColor: accent,
          sendBoxButtonColor: accent,
          sendBoxButtonColorOnHover: primary,
          hideUploadButton: true,
          botAvatarInitials: strings.botInitials || 'KA',
          userAvatarInitials: strings.userInitials || 'Sie',
          subtle: '#595959',
          timestampColor: '#595959',
        },
      },
      chat,
    );
    everyActionATabStop(chat);
    // Keyboard users land in the send box.
    setTimeout(function () {
      var input = chat.querySelector('input[type="text"], textarea');
      if (input) input.focus();
    }, 300);
  }

  /**
   * Web Chat gives its suggested actions one Tab stop together (a roving tabindex: the arrow keys move between
   * them). On this page each button is a Tab stop of its own, as the other buttons of a web page are; the
   * arrow keys keep working.
   */
  function everyActionATabStop(root) {
    var fix = function () {
      var buttons = root.querySelectorAll('.webchat__suggested-actions button');
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].getAttribute('tabindex') !== '0') buttons[i].setAttribute('tabindex', '0');
      }
    };
    new window.MutationObserver(fix).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
    fix();
  }

  function start() {
    accept.disabled = true;
    status.textContent = strings.loading;
    if (!window.WebChat) {
      status.textContent = strings.loadFailed;
      accept.disabled = false;
      return;
    }
    session().then(render, function () {
      status.textContent = strings.unavailable;
      accept.disabled = false;
    });
  }

  /** The language menu (a <details> in the header) closes with Escape and when the citizen clicks elsewhere. */
  function languageMenu() {
    var menu = document.getElementById('language-menu');
    if (!menu) return;
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.open) {
        menu.open = false;
        menu.querySelector('summary').focus();
      }
    });
    document.addEventListener('click', function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
  }

  languageMenu();
  accept.addEventListener('click', start);
  // A reload after the notice was acknowledged in this tab goes straight back to the conversation.
  if (saved()) start();
})();
