// Warns before the console's idle limit ends the session (WCAG 2.2.1), and keeps it with one press.
// The console works without this script: a reply sent after the session ended is kept through the new sign-in.
(function () {
  'use strict';
  var idle = parseInt(document.body.getAttribute('data-idle-seconds') || '0', 10);
  var box = document.getElementById('session-warning');
  if (!idle || !box) return;
  var text = document.getElementById('session-warning-text');
  var stay = document.getElementById('stay-logged-in');
  // two minutes' notice, or half the limit when it is shorter than four minutes (at least 20 s either way)
  var lead = Math.max(20, Math.min(120, Math.floor(idle / 2)));
  // the server counts from the last activity it wrote, up to a quarter of the limit (at most a minute) before this page
  var slack = Math.min(60, Math.floor(idle / 4));
  var warnTimer, endTimer;

  function arm() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(warn, Math.max(0, idle - lead - slack) * 1000);
    endTimer = setTimeout(ended, idle * 1000);
  }

  function warn() {
    box.hidden = false;
    stay.hidden = false;
    text.textContent = 'Your session ends in ' + (lead >= 60 ? Math.round(lead / 60) + ' minute' + (lead >= 90 ? 's' : '') : lead + ' seconds') +
      ' without a request. Press "Stay logged in" to keep it. Anything you are typing is not lost either way.';
  }

  function ended() {
    box.hidden = false;
    stay.hidden = true;
    text.textContent = 'Your session has ended. A reply you are typing is kept: press Send, log in again, and it is shown to you again, not sent.';
  }

  stay.addEventListener('click', function () {
    fetch('/keepalive', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.ok && !r.redirected) arm(); else ended();
    }, ended);
  });
  arm();
}());
