// The smpp code page: remaining lifetime, resend countdown, live delivery state, WebOTP autofill.
// No inline script (CSP script-src 'self'); everything degrades to plain forms without JavaScript.
(function () {
  'use strict';

  function formatSeconds(total) {
    var s = Math.max(0, Math.ceil(total));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ':' + (r < 10 ? '0' : '') + r;
  }

  // Remaining lifetime of the code.
  var expiry = document.getElementById('sms-expiry');
  if (expiry && expiry.dataset.expires) {
    var expiresAt = Number(expiry.dataset.expires);
    var tickExpiry = function () {
      var left = (expiresAt - Date.now()) / 1000;
      expiry.textContent = left > 0
        ? 'The code expires in ' + formatSeconds(left) + '.'
        : 'The code has expired. Ask for a new code.';
      if (left > 0) { setTimeout(tickExpiry, 1000); }
    };
    tickExpiry();
  }

  // Resend: the server enforces the cooldown; the button only shows it.
  var resend = document.getElementById('resend');
  var countdown = document.getElementById('resend-countdown');
  if (resend && resend.dataset.resendAt) {
    var resendAt = Number(resend.dataset.resendAt);
    var tickResend = function () {
      var left = (resendAt - Date.now()) / 1000;
      if (left > 0) {
        resend.disabled = true;
        if (countdown) { countdown.textContent = 'available in ' + formatSeconds(left); }
        setTimeout(tickResend, 1000);
      } else {
        resend.disabled = false;
        if (countdown) { countdown.textContent = ''; }
      }
    };
    tickResend();
  }

  // Live delivery state from the delivery receipt.
  var delivery = document.getElementById('sms-delivery');
  if (delivery && delivery.dataset.statusUrl && window.fetch) {
    var polls = 0;
    var poll = function () {
      polls++;
      fetch(delivery.dataset.statusUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (status) {
          if (!status) { return; }
          delivery.textContent = status.text;
          delivery.dataset.state = status.state;
          if (!status.final && polls < 90) { setTimeout(poll, 2000); }
        })
        .catch(function () { if (polls < 90) { setTimeout(poll, 4000); } });
    };
    poll();
  }

  // WebOTP: the SMS ends with "@host #code"; supporting browsers offer to fill it in.
  var form = document.getElementById('code-form');
  var input = document.getElementById('Input_Code');
  if (form && input && 'OTPCredential' in window) {
    var abort = new AbortController();
    form.addEventListener('submit', function () { abort.abort(); });
    navigator.credentials.get({ otp: { transport: ['sms'] }, signal: abort.signal })
      .then(function (otp) {
        if (otp && otp.code) {
          input.value = otp.code;
          form.submit();
        }
      })
      .catch(function () { /* dismissed or unsupported: the user types the code */ });
  }
}());
