/*! Ho tro cai nghien widget loader: /nhung-tien-ich, /en/embed. No cookies, no storage, no other site. */
// Plain ES2017 in ASCII (any host page encoding), no build step; 2 KB gzip at most (tests/unit/widgets/loader.test.ts).
// Why: docs/decisions/010-embeddable-widgets.md. Each placeholder becomes an iframe of this portal's /embed/ page;
// while scripts are blocked, the placeholder's own link is what readers get.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  // The portal is wherever this file came from: iframes point there, and only messages from there are read.
  var portal = new URL(script.src).origin;
  var PATHS = {
    vi: { locator: '/embed/tim-ho-tro', help: '/embed/xin-tu-van', campaign: '/embed/chien-dich' },
    en: { locator: '/embed/en/find-help', help: '/embed/en/ask-for-help', campaign: '/embed/en/campaigns' },
  };
  // The documented options, and the shape each value must have to be passed on (the portal checks them again). Nothing
  // else on the host page reaches the embed.
  var OPTIONS = {
    province: /^\d{2}$/,
    commune: /^\d{5}$/,
    service: /^[a-z-]{1,40}$/,
    theme: /^(light|dark)$/,
    accent: /^[a-z]{1,20}$/,
    layout: /^(card|button)$/,
  };
  var START_HEIGHT = { locator: 520, help: 220, campaign: 260 };
  var MAX_HEIGHT = 10000;
  var frames = [];

  function attr(el, name) {
    return el.getAttribute('data-' + name) || '';
  }

  function embedUrl(el) {
    var lang = attr(el, 'lang') === 'en' ? 'en' : 'vi';
    var kind = attr(el, 'hotro-widget');
    var path = PATHS[lang][kind];
    // Only own string entries: `kind` is the host page's text ("toString" must not count).
    if (typeof path !== 'string') return '';
    var campaign = attr(el, 'campaign');
    if (kind === 'campaign' && campaign) {
      if (!/^[a-z0-9-]{1,100}$/.test(campaign)) return '';
      path += '/' + campaign;
    }
    var query = [];
    for (var name in OPTIONS) {
      var value = attr(el, name);
      if (value && OPTIONS[name].test(value)) query.push(name + '=' + value);
    }
    return portal + path + (query.length ? '?' + query.join('&') : '');
  }

  function mount(el) {
    if (el.hasAttribute('data-hotro-ready')) return;
    var src = embedUrl(el);
    if (!src) return;
    var link = el.querySelector('a');
    var frame = document.createElement('iframe');
    frame.src = src;
    // The placeholder's link text names the widget, in its language.
    frame.title = (link && link.textContent.trim()) || 'H\u1ed7 tr\u1ee3 cai nghi\u1ec7n';
    frame.loading = 'lazy';
    frame.referrerPolicy = 'no-referrer';
    frame.style.cssText = 'display:block;width:100%;border:0;height:' + START_HEIGHT[attr(el, 'hotro-widget')] + 'px';
    el.setAttribute('data-hotro-ready', '');
    el.textContent = '';
    el.appendChild(frame);
    frames.push(frame);
  }

  // An embed says one thing: its height, as { type: 'hotro-widget-height', height: N }. Anything else, from anywhere
  // else, or from a frame this script did not make, is ignored.
  function onMessage(event) {
    if (event.origin !== portal) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || Object.keys(data).length !== 2) return;
    var height = data.height;
    if (data.type !== 'hotro-widget-height' || typeof height !== 'number' || !(height >= 0 && height <= MAX_HEIGHT))
      return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(height) + 'px';
    }
  }

  function scan() {
    var found = document.querySelectorAll('[data-hotro-widget]');
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }

  window.addEventListener('message', onMessage);
  // Pasted several times, the snippet loads this file several times: each copy mounts only placeholders still waiting.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
