/*!
 * LeadStream focus item: one pop-up, bar or slide-in on the customer's page, loaded by
 *   <script src="https://GATEWAY/focus/ID.js"></script>
 * The gateway appends the call with the item's definition. Plain ES5, no dependencies; text is
 * put in as text, never as markup; an error never escapes into the host page.
 */
(function (item, base, w, d) {
    'use strict';

    var KEY = 'lsfocus_' + item.id;
    var DEVICE_KEY = 'mtc_device_id'; // where the tracker (mtc.js) keeps the visitor's device id
    var shown = false;

    try {
        start();
    } catch (e) {
        // A focus item must never break the page it is shown on.
    }

    function start() {
        if (!onThisPage(item.pages) || !mayShow()) {
            return;
        }
        var t = item.trigger;
        if (t.on === 'load') {
            ready(show);
        } else if (t.on === 'delay') {
            w.setTimeout(show, t.seconds * 1000);
        } else if (t.on === 'scroll') {
            w.addEventListener('scroll', function () {
                var page = d.documentElement;
                if ((w.pageYOffset + w.innerHeight) / page.scrollHeight * 100 >= t.percent) {
                    show();
                }
            });
        } else if (t.on === 'exit') {
            // Exit intent: the pointer leaves the document through its top edge, towards the tabs and the address bar.
            d.addEventListener('mouseout', function (e) {
                if (!e.relatedTarget && e.clientY <= 0) {
                    show();
                }
            });
        }
    }

    function onThisPage(patterns) {
        if (!patterns || !patterns.length) {
            return true;
        }
        for (var i = 0; i < patterns.length; i++) {
            var re = new RegExp('^' + patterns[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
            if (re.test(w.location.href)) {
                return true;
            }
        }
        return false;
    }

    function mayShow() {
        var rule = item.frequency || {show: 'session'};
        if (rule.show === 'every') {
            return true;
        }
        if (rule.show === 'session') {
            return !read(w.sessionStorage, KEY);
        }
        var last = read(w.localStorage, KEY);
        if (!last) {
            return true;
        }
        return rule.show === 'days' && new Date().getTime() - Number(last) >= rule.days * 86400000;
    }

    function show() {
        if (shown) {
            return;
        }
        shown = true;
        write(w.sessionStorage, KEY, '1');
        write(w.localStorage, KEY, String(new Date().getTime()));
        d.body.appendChild(build());
        beacon('view');
    }

    function build() {
        var box = d.createElement('div');
        box.id = 'leadstream-focus-' + item.id;
        box.className = 'leadstream-focus leadstream-focus-' + item.style;
        box.setAttribute('role', item.style === 'modal' ? 'dialog' : 'region');
        box.setAttribute('aria-label', item.headline);
        var place = {
            modal: 'position:fixed;top:20%;left:50%;transform:translateX(-50%);width:min(28rem,90vw);',
            bar: 'position:fixed;top:0;left:0;right:0;',
            notification: 'position:fixed;bottom:1rem;right:1rem;width:min(22rem,90vw);'
        }[item.style];
        box.style.cssText = place + 'z-index:2147483000;background:#fff;color:#222;padding:1rem 1.25rem;'
            + 'box-shadow:0 4px 24px rgba(0,0,0,.25);font:16px/1.4 sans-serif;border-radius:' + (item.style === 'bar' ? '0' : '6px');
        var close = d.createElement('button');
        close.type = 'button';
        close.className = 'leadstream-focus-close';
        close.setAttribute('aria-label', 'Close');
        close.textContent = '\u00d7';
        close.style.cssText = 'float:right;border:0;background:none;font-size:1.5rem;cursor:pointer';
        close.onclick = function () { box.parentNode.removeChild(box); };
        box.appendChild(close);
        var headline = d.createElement('strong');
        headline.className = 'leadstream-focus-headline';
        headline.textContent = item.headline;
        headline.style.cssText = 'display:block;font-size:1.2rem;margin-bottom:.5rem';
        box.appendChild(headline);
        if (item.text) {
            var text = d.createElement('p');
            text.textContent = item.text;
            box.appendChild(text);
        }
        if (item.link) {
            var a = d.createElement('a');
            a.className = 'leadstream-focus-link';
            a.href = item.link.url;
            a.textContent = item.link.label;
            a.style.cssText = 'display:inline-block;padding:.5rem 1rem;background:#0a7;color:#fff;text-decoration:none;border-radius:4px';
            a.onclick = function () { beacon('conversion'); };
            box.appendChild(a);
        }
        if (item.form) {
            var frame = d.createElement('iframe');
            frame.className = 'leadstream-focus-form';
            frame.title = item.headline;
            frame.src = base + '/form/embed/' + encodeURIComponent(item.form);
            frame.style.cssText = 'width:100%;height:16rem;border:0';
            var loads = 0;
            frame.onload = function () {
                loads++;
                if (loads === 2) { // the form's own page, then what its submission answered
                    beacon('conversion');
                }
            };
            box.appendChild(frame);
        }
        return box;
    }

    /** A view or a conversion, sent even as the page is left (a followed link). */
    function beacon(kind) {
        var body = 'page_url=' + encodeURIComponent(w.location.href);
        var device = read(w.localStorage, DEVICE_KEY);
        if (device) {
            body += '&mautic_device_id=' + encodeURIComponent(device);
        }
        var url = base + '/focus/' + encodeURIComponent(item.id) + '/' + kind;
        var sent = false;
        try {
            if (w.navigator.sendBeacon) {
                sent = w.navigator.sendBeacon(url, new Blob([body], {type: 'application/x-www-form-urlencoded'}));
            }
        } catch (e) {
            sent = false;
        }
        if (!sent) {
            var xhr = new XMLHttpRequest();
            xhr.open('POST', url, true);
            xhr.withCredentials = true;
            xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            xhr.send(body);
        }
    }

    function ready(fn) {
        if (d.readyState === 'loading') {
            d.addEventListener('DOMContentLoaded', fn);
        } else {
            fn();
        }
    }

    function read(store, key) {
        try {
            return store.getItem(key);
        } catch (e) {
            return null; // storage refused (privacy settings): every view is a first one
        }
    }

    function write(store, key, value) {
        try {
            store.setItem(key, value);
        } catch (e) {
            // as above
        }
    }
})
