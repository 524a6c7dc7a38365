/*!
 * LeadStream tracker, a drop-in replacement for Mautic's mtc.js.
 *
 * Sites keep Mautic's snippet unchanged:
 *   (function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n;w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)},
 *    a=d.createElement(t),m=d.getElementsByTagName(t)[0];a.async=1;a.src=u;m.parentNode.insertBefore(a,m)})
 *    (window,document,'script','https://GATEWAY/mtc.js','mt');
 *   mt('send', 'pageview');
 *   mt('send', 'pageview', {email: 'ada@example.com'}, {onload: fn, onerror: fn});
 *   mt('setDeviceId', 'abc123def456');
 *
 * Plain ES5, no dependencies. Defines nothing global besides the snippet's own function, and
 * never lets an error escape into the host page.
 */
(function (w, d) {
    'use strict';

    var COOKIE = 'mautic_device_id';
    var STORAGE_KEY = 'mtc_device_id';
    var PARAM = 'mautic_device_id';
    var TWO_YEARS = 2 * 365 * 24 * 3600;
    // Same rule as the gateway (DeviceIds.VALID): anything else is ignored, never sent.
    var VALID_ID = /^[A-Za-z0-9_-]{8,64}$/;

    var base = null;
    var deviceId = null;
    // Hits sent by this page load (Mautic's "counter"), starting at 0.
    var counter = 0;

    try {
        init();
    } catch (e) {
        // A tracker must never break the page it is embedded in.
    }

    function init() {
        var name = w.MauticTrackingObject || 'mt';
        var existing = w[name];
        // Loaded twice (two snippets on one page): the first copy already owns w[name].
        if (existing && existing.leadstream) {
            return;
        }
        base = scriptBase();
        if (!base) {
            return;
        }
        deviceId = readDeviceId();

        // Replace the snippet's queueing stub with the real function, then replay what the
        // page asked for before this script arrived.
        var queue = (existing && existing.q) || [];
        mt.leadstream = 1;
        w[name] = mt;
        for (var i = 0; i < queue.length; i++) {
            mt.apply(null, queue[i]);
        }

        onReady(decorateForms);
        // Forms inserted after load (single-page apps) get the field when they are submitted;
        // capture phase so it runs before the page's own submit handlers.
        listen(d, 'submit', function (event) {
            var form = event && event.target;
            if (form && form.nodeName === 'FORM') {
                decorateForm(form);
            }
        }, true);
    }

    // ---- command API -------------------------------------------------------------------

    /** The page's mt(...) function. */
    function mt(command) {
        try {
            if (command === 'send' && arguments[1] === 'pageview') {
                sendPageview(arguments[2], arguments[3]);
            } else if (command === 'setDeviceId') {
                setDeviceId(arguments[1]);
            }
        } catch (e) {
            // Same rule: nothing thrown into the caller.
        }
    }

    // ---- page hits ---------------------------------------------------------------------

    function sendPageview(fields, callbacks) {
        var params = {
            page_url: w.location.href,
            page_title: d.title,
            page_referrer: d.referrer,
            page_language: (w.navigator && (w.navigator.language || w.navigator.userLanguage)) || '',
            preferred_locale: (w.navigator && (w.navigator.language || w.navigator.userLanguage)) || '', // fills an unknown locale
            timezone: timeZone(),
            timezone_offset: new Date().getTimezoneOffset(), // stands in where the browser cannot name its zone
            resolution: w.screen ? w.screen.width + 'x' + w.screen.height : '',
            platform: (w.navigator && w.navigator.platform) || '',
            counter: counter++,
            do_not_track: w.navigator && (w.navigator.doNotTrack === '1' || w.navigator.doNotTrack === 'yes') ? 1 : 0
        };
        if (deviceId) {
            params[PARAM] = deviceId;
        }
        // Contact fields and overrides (page_url for virtual page views) win over the defaults.
        if (fields && typeof fields === 'object') {
            for (var key in fields) {
                if (Object.prototype.hasOwnProperty.call(fields, key)) {
                    params[key] = fields[key];
                }
            }
        }
        post(encode(params), callbacks || {});
    }

    /**
     * POST {base}/mtc/event with credentials so the gateway can read and renew its own cookie,
     * and read the JSON reply for the device id. A form-urlencoded body keeps this a CORS
     * "simple request": no preflight round trip.
     */
    function post(body, callbacks) {
        var url = base + '/mtc/event';
        var done = false;
        function ok(reply) {
            if (done) { return; }
            done = true;
            if (reply && VALID_ID.test(String(reply.device_id))) {
                setDeviceId(reply.device_id);
            }
            call(callbacks.onload, reply);
        }
        function fallback() {
            if (done) { return; }
            done = true;
            pixel(body, callbacks);
        }
        function rejected() {
            // 400 means the hit itself is wrong: the pixel would be refused just the same.
            if (done) { return; }
            done = true;
            call(callbacks.onerror);
        }

        if (w.fetch) {
            w.fetch(url, {
                method: 'POST',
                mode: 'cors',
                credentials: 'include',
                headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                body: body
            }).then(function (response) {
                if (response.status === 400) {
                    rejected();
                } else if (response.status < 200 || response.status > 299) {
                    fallback();
                } else {
                    // The event is stored: an unreadable body must not send it a second time.
                    response.json().then(ok, function () { ok(null); });
                }
            }, fallback)['catch'](function () { /* a throwing callback stays in here */ });
            return;
        }

        var xhr = new w.XMLHttpRequest();
        xhr.open('POST', url, true);
        xhr.withCredentials = true;
        xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
        xhr.onreadystatechange = function () {
            if (xhr.readyState !== 4) { return; }
            try {
                // status 0: network or CORS failure.
                if (xhr.status === 400) {
                    rejected();
                } else if (xhr.status < 200 || xhr.status > 299) {
                    fallback();
                } else {
                    var reply = null;
                    try { reply = JSON.parse(xhr.responseText); } catch (e) { /* stored anyway */ }
                    ok(reply);
                }
            } catch (e) { /* never into the page */ }
        };
        xhr.send(body);
    }

    /** Mautic's classic pixel: works wherever images load, but its reply cannot be read. */
    function pixel(query, callbacks) {
        var img = new w.Image();
        img.onload = function () { call(callbacks.onload, null); };
        img.onerror = function () { call(callbacks.onerror); };
        img.src = base + '/mtracking.gif?' + query;
    }

    // ---- device id ---------------------------------------------------------------------

    /**
     * The id lives in a first-party cookie and in localStorage on the customer's site. The
     * gateway's own cookie is third-party here and often blocked, so this copy, sent as a
     * parameter and put in forms, is what ties a visitor's hits together.
     */
    function readDeviceId() {
        var id = null;
        try { id = w.localStorage.getItem(STORAGE_KEY); } catch (e) { /* storage disabled */ }
        if (!id || !VALID_ID.test(id)) {
            var match = new RegExp('(?:^|;\\s*)' + COOKIE + '=([^;]*)').exec(d.cookie || '');
            id = match ? decodeURIComponent(match[1]) : null;
        }
        return id && VALID_ID.test(id) ? id : null;
    }

    function setDeviceId(id) {
        id = id == null ? '' : String(id);
        if (!VALID_ID.test(id)) {
            return;
        }
        deviceId = id;
        try { w.localStorage.setItem(STORAGE_KEY, id); } catch (e) { /* storage disabled */ }
        try {
            d.cookie = COOKIE + '=' + encodeURIComponent(id) + '; path=/; max-age=' + TWO_YEARS + '; SameSite=Lax'
                + (w.location.protocol === 'https:' ? '; Secure' : '');
        } catch (e) { /* cookies disabled */ }
        decorateForms();
    }

    // ---- forms -------------------------------------------------------------------------

    function decorateForms() {
        try {
            var forms = d.getElementsByTagName('form');
            for (var i = 0; i < forms.length; i++) {
                decorateForm(forms[i]);
            }
        } catch (e) { /* never into the page */ }
    }

    /** Adds or updates the hidden mautic_device_id field on the gateway's form endpoints. */
    function decorateForm(form) {
        // getAttribute: form.action is shadowed by a field named "action".
        var action = form.getAttribute('action') || '';
        if (!deviceId || action.indexOf('/form/submit') < 0) {
            return;
        }
        var input = null;
        var inputs = form.getElementsByTagName('input');
        for (var i = 0; i < inputs.length; i++) {
            if (inputs[i].name === PARAM) {
                input = inputs[i];
                break;
            }
        }
        if (!input) {
            input = d.createElement('input');
            input.type = 'hidden';
            input.name = PARAM;
            form.appendChild(input);
        }
        input.value = deviceId;
    }

    // ---- helpers -----------------------------------------------------------------------

    /** Origin and directory of this script's src: where the gateway's endpoints live. */
    function scriptBase() {
        var script = d.currentScript;
        var src = script && script.src;
        if (!src || !/\/mtc\.js([?#].*)?$/.test(src)) {
            src = null;
            var scripts = d.getElementsByTagName('script');
            for (var i = scripts.length - 1; i >= 0; i--) {
                if (/\/mtc\.js([?#].*)?$/.test(scripts[i].src || '')) {
                    src = scripts[i].src;
                    break;
                }
            }
        }
        // .src is already absolute; drop query, fragment and the file name.
        return src ? src.replace(/[?#].*$/, '').replace(/\/[^\/]*$/, '') : null;
    }

    function encode(params) {
        var parts = [];
        for (var key in params) {
            if (!Object.prototype.hasOwnProperty.call(params, key)) { continue; }
            var value = params[key];
            if (value === null || value === undefined || typeof value === 'function'
                    || (typeof value === 'object' && !(value instanceof Array))) {
                continue;
            }
            parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
        }
        return parts.join('&').replace(/%20/g, '+');
    }

    function timeZone() {
        try {
            return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
        } catch (e) {
            return '';
        }
    }

    function onReady(fn) {
        if (d.readyState === 'loading') {
            listen(d, 'DOMContentLoaded', fn, false);
        } else {
            fn();
        }
    }

    function listen(target, type, fn, capture) {
        if (target.addEventListener) {
            target.addEventListener(type, function (e) {
                try { fn(e); } catch (err) { /* never into the page */ }
            }, capture);
        }
    }

    function call(fn, arg) {
        if (typeof fn === 'function') {
            try { fn(arg); } catch (e) { /* the page's callback is its own business */ }
        }
    }
})(window, document);
