// The agent console's signals for a new waiter, for a shift spent in other windows: the count in the tab's title
// ("(2) Wartende – Service-Center"), an optional short beep made with the Web Audio API (off by default, the
// choice kept in localStorage), the browser's notification where the agent allowed it (asked on a click, never on
// load) and a polite screen-reader announcement. Plain browser JavaScript like app.js; no sound file, no CDN.
'use strict';

(function (root) {
  const SOUND_KEY = 'agentConsole.sound';
  const IDLE_TITLE = 'Agenten-Konsole – Service-Center';
  let audio = null;

  function titleFor(count) {
    return count > 0 ? '(' + count + ') Wartende – Service-Center' : IDLE_TITLE;
  }

  function soundOn() {
    try {
      return root.localStorage.getItem(SOUND_KEY) === 'on';
    } catch {
      return false;
    }
  }

  /** The audio context, created (or resumed) inside a click: browsers let pages play sound only after a gesture. */
  function audioContext() {
    const Ctx = root.AudioContext || root.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    return audio;
  }

  /** Two short soft tones (about a third of a second). */
  function beep() {
    const ctx = audioContext();
    if (!ctx) return false;
    const start = ctx.currentTime + 0.01;
    [880, 1175].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.16;
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.15);
    });
    return true;
  }

  function notificationsSupported() {
    return typeof root.Notification === 'function';
  }

  /**
   * Wires the controls: the sound checkbox (stored; a test beep when switched on) and the button that asks for
   * the notification permission (shown only while the browser has not been asked).
   */
  function init(controls) {
    const sound = controls.sound;
    const permission = controls.permission;
    sound.checked = soundOn();
    sound.addEventListener('change', () => {
      try {
        root.localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off');
      } catch {
        /* private mode: this tab only */
      }
      if (sound.checked) beep();
    });
    const showPermission = () => {
      permission.hidden = !notificationsSupported() || root.Notification.permission !== 'default';
    };
    showPermission();
    permission.addEventListener('click', () => {
      if (!notificationsSupported()) return;
      Promise.resolve(root.Notification.requestPermission()).then(showPermission, showPermission);
    });
  }

  /**
   * New waiters (already filtered for the agent's Kommune): the sound if switched on, a notification when the
   * console is not in front and notifications are allowed, and the announcement for screen readers.
   * `onOpen(waiter)` runs when the agent clicks the notification.
   */
  function announce(waiters, status, onOpen) {
    if (waiters.length === 0) return;
    const first = waiters[0];
    // The citizen's language too, when it is not German: "… (Stadt Wolfsburg) · English (en)".
    const what =
      first.topic +
      ' (' +
      first.tenantName +
      ')' +
      (first.language ? ' · ' + (first.languageName || first.language) + ' (' + first.language + ')' : '');
    status.textContent = waiters.length === 1 ? 'Neue Anfrage wartet: ' + what : waiters.length + ' neue Anfragen warten, zuerst: ' + what;
    if (soundOn()) beep();
    const away = root.document.visibilityState !== 'visible' || !root.document.hasFocus();
    if (away && notificationsSupported() && root.Notification.permission === 'granted') {
      try {
        const n = new root.Notification(
          waiters.length === 1 ? 'Neue Anfrage im Service-Center' : waiters.length + ' neue Anfragen im Service-Center',
          {
            body: what,
            tag: 'waiter-' + first.id,
            lang: 'de',
          },
        );
        n.onclick = () => {
          root.focus();
          onOpen(first);
          n.close();
        };
      } catch {
        /* some browsers allow notifications only from a service worker */
      }
    }
  }

  root.AgentSignals = { init: init, announce: announce, titleFor: titleFor, beep: beep };
})(window);
