// What every Territory OS page shares: who is logged in, the authenticated fetch, the navigation between the
// services' pages, the skeleton of a list page (filters in the URL, refresh, error display), and small SVG charts. No library, nothing fetched from outside the service.
(function () {
  'use strict';
  const KEY = 'tos.credentials';

  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const money = v => v == null ? '' : '$' + Math.round(v).toLocaleString('en-US');
  const ratio = v => v == null ? '\u2013' : Number(v).toFixed(2);
  const num = (v, d = 3) => v == null ? '\u2013' : Number(v).toFixed(d);

  const PENDING = 'tos.oidc.pending';

  /** Who is logged in: {user, password} (local users) or {user, token, idToken, expires, at} (OIDC); null if nobody or expired. */
  function credentials() {
    let who = null;
    try { who = JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { who = null; }
    if (who && who.token && who.expires && who.expires <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return who;
  }

  function authorization(who) {
    if (!who) return null;
    return who.token ? 'Bearer ' + who.token : 'Basic ' + btoa(who.user + ':' + who.password);
  }

  // How this service's pages log in (GET /pages/login): {mode: 'basic'} with the local users' form, or
  // {mode: 'oidc', authorization_endpoint, token_endpoint, end_session_endpoint, client_id, scope}.
  let loginModePromise = null;
  function loginMode() {
    if (!loginModePromise) {
      loginModePromise = fetch('/pages/login', {headers: {'Accept': 'application/json'}}).then(async r => {
        if (r.status === 404) return {mode: 'basic'};
        const body = await r.json().catch(() => null);
        if (!r.ok) { loginModePromise = null; throw new ApiError(r.status, body); }
        return body;
      });
    }
    return loginModePromise;
  }

  const base64Url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomId = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const here = () => location.origin + location.pathname;

  /** Sends the browser to the provider's log-in (authorization code with PKCE S256); comes back to this page. */
  async function redirectToProvider(config) {
    if (!(window.crypto && crypto.subtle)) {
      throw new Error('the pages log in with OIDC only over https (or on localhost): this browser offers no crypto.subtle here');
    }
    const pending = {state: randomId(), nonce: randomId(), verifier: randomId(), search: location.search, hash: location.hash};
    const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier)));
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    const q = new URLSearchParams({response_type: 'code', client_id: config.client_id, redirect_uri: here(),
      scope: config.scope, state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256'});
    location.assign(config.authorization_endpoint + '?' + q);
    return new Promise(() => {}); // the page is leaving
  }

  function claimsOf(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part + '='.repeat((4 - part.length % 4) % 4)))));
    } catch (e) { return {}; }
  }

  // Back from the provider? Decided before any page script reads the URL: the code and state leave the address bar
  // at once (the page's own parameters come back), and the code is exchanged for tokens while the page starts.
  const returned = (() => {
    const params = new URLSearchParams(location.search);
    let pending = null;
    try { pending = JSON.parse(sessionStorage.getItem(PENDING)); } catch (e) { pending = null; }
    if (!pending || !params.get('state') || params.get('state') !== pending.state || !(params.get('code') || params.get('error'))) return null;
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname + (pending.search || '') + (pending.hash || ''));
    return {code: params.get('code'), error: params.get('error'), description: params.get('error_description'), pending};
  })();

  async function exchangeCode({code, error, description, pending}) {
    if (error) throw new Error('the identity provider refused the log-in: ' + (description || error));
    const config = await loginMode();
    const response = await fetch(config.token_endpoint, {method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: here(), client_id: config.client_id,
        code_verifier: pending.verifier})});
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || !body.access_token) {
      throw new Error('the identity provider did not give a token: ' + ((body && (body.error_description || body.error)) || 'HTTP ' + response.status));
    }
    const identity = body.id_token ? claimsOf(body.id_token) : {};
    if (body.id_token && identity.nonce !== pending.nonce) throw new Error('the identity provider answered for another log-in (nonce mismatch)');
    const access = claimsOf(body.access_token);
    const now = Date.now();
    sessionStorage.setItem(KEY, JSON.stringify({
      user: identity.preferred_username || access.preferred_username || access.upn || identity.sub || access.sub || 'unknown',
      token: body.access_token, idToken: body.id_token || null, at: now,
      // no stated lifetime: kept until the service refuses it (a 401 logs in again)
      expires: body.expires_in ? now + body.expires_in * 1000 : (access.exp ? access.exp * 1000 : null)}));
  }

  let loginError = null;
  const signedIn = returned ? exchangeCode(returned).catch(e => { loginError = e; }) : Promise.resolve();

  /** An answer the API refused, with the reason in words when the body carries one. */
  class ApiError extends Error {
    constructor(status, body) {
      super(ApiError.words(status, body));
      this.status = status;
      this.body = body;
    }
    static words(status, body) {
      const reason = body && (body.reason || body.message || body.error || body.details);
      if (reason) return reason;
      if (status === 401) return 'log in first';
      if (status === 403) return 'your user may not do this (missing role)';
      if (status === 404) return 'not found';
      return 'the service answered HTTP ' + status;
    }
  }

  /**
   * fetch with the logged-in user's credentials. A 401 logs in and retries: with the local users' form, or by the
   * identity provider's log-in page (the page comes back here) — unless the provider's token is seconds old, when
   * the refusal is shown rather than sending the browser round in a loop.
   */
  async function api(url, options = {}) {
    await signedIn;
    if (loginError) { const e = loginError; loginError = null; throw e; }
    const headers = Object.assign({'X-Requested-With': 'fetch', 'Accept': 'application/json'}, options.headers || {});
    const who = credentials();
    if (who) headers.Authorization = authorization(who);
    if (options.body && typeof options.body !== 'string') {
      headers['Content-Type'] = 'application/json';
      options = Object.assign({}, options, {body: JSON.stringify(options.body)});
    }
    const response = await fetch(url, Object.assign({}, options, {headers}));
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = {reason: text}; }
    if (response.status === 401) {
      if (who && who.token && Date.now() - who.at < 10000) throw new ApiError(401, body);
      await login(who ? 'user ' + who.user + ' was refused: ' + (who.token ? 'the log-in has ended' : 'wrong user or password') : 'this needs a log-in');
      return api(url, options);
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  let pendingLogin = null;

  /** Logs in: the local users' form (resolves once credentials are stored), or off to the identity provider. */
  async function login(message) {
    const config = await loginMode();
    if (config.mode === 'oidc') {
      sessionStorage.removeItem(KEY);
      return redirectToProvider(config);
    }
    return loginForm(message);
  }

  function loginForm(message) {
    if (pendingLogin) return pendingLogin;
    pendingLogin = new Promise(resolve => {
      const box = document.createElement('div');
      box.id = 'login';
      box.innerHTML = `<form class="login-form">
        <h2>Log in to Territory OS</h2>
        <p class="muted" id="login-message">${esc(message || '')}</p>
        <label>User <input name="user" autocomplete="username" required></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="login-submit">Log in</button>
        <p class="muted small">Local stack: alice, bob, carol, victor (password = name).</p>
      </form>`;
      document.body.appendChild(box);
      box.querySelector('input[name=user]').focus();
      box.querySelector('form').addEventListener('submit', event => {
        event.preventDefault();
        const form = event.target;
        sessionStorage.setItem(KEY, JSON.stringify({user: form.user.value.trim(), password: form.password.value}));
        box.remove();
        pendingLogin = null;
        renderWho();
        resolve();
      });
    });
    return pendingLogin;
  }

  /** Logs out here and, with OIDC, at the identity provider too (which sends the browser back to this page). */
  async function logout() {
    const who = credentials();
    sessionStorage.removeItem(KEY);
    renderWho();
    const config = await loginMode().catch(() => ({mode: 'basic'}));
    if (config.mode === 'oidc' && config.end_session_endpoint) {
      const q = new URLSearchParams({post_logout_redirect_uri: location.href, client_id: config.client_id});
      if (who && who.idToken) q.set('id_token_hint', who.idToken);
      location.assign(config.end_session_endpoint + '?' + q);
    } else {
      location.reload();
    }
  }

  function renderWho() {
    const slot = document.getElementById('who');
    if (!slot) return;
    const who = credentials();
    slot.innerHTML = who
      ? `logged in as <b id="who-name">${esc(who.user)}</b> <button type="button" id="logout">log out</button>`
      : `<button type="button" id="login-open">log in</button>`;
    const out = document.getElementById('logout');
    if (out) out.onclick = () => logout();
    const open = document.getElementById('login-open');
    if (open) open.onclick = () => login('').then(() => location.reload(), e => showError('cannot log in: ' + e.message));
  }

  // Where the other services' pages live: the service tells (GET /pages/links), else the local-stack ports.
  const DEFAULT_LINKS = {territory: 'http://' + location.hostname + ':8082', trigger: 'http://' + location.hostname + ':8083',
    optimizer: 'http://' + location.hostname + ':8084'};
  let linksPromise = null;
  function links() {
    if (!linksPromise) {
      // open, like the pages themselves
      linksPromise = fetch('/pages/links', {headers: {'X-Requested-With': 'fetch'}}).then(r => r.ok ? r.json() : DEFAULT_LINKS).catch(() => DEFAULT_LINKS)
        .then(l => Object.assign({}, DEFAULT_LINKS, l));
    }
    return linksPromise;
  }

  /** The header of every page: the navigation (each link to the service that owns the data) and who is logged in. */
  async function header(active) {
    const l = await links();
    const team = new URLSearchParams(location.search).get('team');
    const q = team ? '?team=' + encodeURIComponent(team) : '';
    const items = [
      ['health', 'Territory health', l.territory + '/' + q],
      ['proposals', 'Proposals', l.optimizer + '/proposals.html' + q],
      ['alerts', 'Alerts', l.trigger + '/alerts.html' + q],
      ['what-if', 'What-if', l.optimizer + '/what-if.html' + q]
    ];
    const nav = document.createElement('header');
    nav.className = 'top';
    nav.innerHTML = `<span class="brand">Territory OS</span>` + items.map(([id, label, href]) =>
      `<a href="${esc(href)}" class="${id === active ? 'active' : ''}" id="nav-${id}">${label}</a>`).join('') +
      `<span id="who"></span>`;
    document.body.prepend(nav);
    renderWho();
    signedIn.then(renderWho);
    return l;
  }

  // --- the skeleton of a list page ---------------------------------------------------------------------------

  /** Shows (or, with '', clears) an error in the page's error slot. */
  function showError(message, slot = 'error') {
    const el = document.getElementById(slot);
    if (el) el.textContent = message || '';
  }

  /** Table rows for a list, or one row saying the list is empty. */
  function rows(list, row, empty, colspan) {
    return list.length ? list.map(row).join('') : `<tr><td class="l muted" colspan="${colspan}">${esc(empty)}</td></tr>`;
  }

  /**
   * A list page: the header; filters (inputs or selects, by URL parameter name) filled from the URL and written
   * back to it on every refresh; load(query) reads and draws the list; the time of the last refresh and the
   * error, if any ("cannot read <what>: why"), shown after the filters in `bar`; refreshed on a filter's change
   * and every `every` ms. Returns the refresh function.
   */
  function listPage({active, bar, filters, load, what, every}) {
    header(active);
    const status = document.createElement('span');
    status.innerHTML = '<span id="updated" class="muted"></span> <span id="error" class="error"></span>';
    (bar || document.querySelector('main')).appendChild(status);
    const params = new URLSearchParams(location.search);
    Object.entries(filters).forEach(([name, input]) => { input.value = params.get(name) || ''; });
    async function refresh() {
      try {
        const q = new URLSearchParams();
        Object.entries(filters).forEach(([name, input]) => { if (input.value.trim()) q.set(name, input.value.trim()); });
        history.replaceState(null, '', location.pathname + (q.toString() ? '?' + q : ''));
        await load(q);
        document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
        showError('');
      } catch (e) {
        showError('cannot read ' + what + ': ' + e.message);
      }
    }
    Object.values(filters).forEach(input => input.addEventListener('change', refresh));
    refresh();
    if (every) setInterval(refresh, every);
    return refresh;
  }

  // --- charts (SVG) -------------------------------------------------------------------------------------------

  /**
   * Bars per item, one or two series (e.g. before/after), with horizontal reference lines and a marker per item.
   * items: [{label, values: [number|null...], marker?: number, note?: string, className?: string}]
   */
  function barChart(items, {series = ['value'], lines = [], max, height = 260, unit = ''} = {}) {
    const width = Math.max(1300, items.length * (series.length * 22 + 26) + 60);
    const top = 14, bottom = 70, left = 44, plotH = height - top - bottom;
    const values = items.flatMap(i => i.values.concat(i.marker ?? [])).filter(v => v != null && isFinite(v));
    const yMax = max ?? Math.max(1, ...values, ...lines.map(l => l.value)) * 1.1;
    const y = v => top + plotH - Math.min(v, yMax) / yMax * plotH;
    const slot = (width - left - 10) / Math.max(1, items.length);
    const barW = Math.min(28, (slot - 8) / series.length);
    let svg = `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img">`;
    for (let t = 0; t <= 4; t++) {
      const v = yMax * t / 4;
      svg += `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" class="grid"/>` +
        `<text x="${left - 4}" y="${y(v) + 4}" class="axis" text-anchor="end">${v.toFixed(1)}${unit}</text>`;
    }
    items.forEach((item, i) => {
      const x0 = left + i * slot + (slot - barW * series.length) / 2;
      item.values.forEach((v, s) => {
        if (v == null) return;
        svg += `<rect x="${x0 + s * barW}" y="${y(v)}" width="${barW - 2}" height="${Math.max(0, y(0) - y(v))}" class="bar s${s} ${esc(item.className || '')}"><title>${esc(item.label)} ${esc(series[s])}: ${Number(v).toFixed(2)}${unit}</title></rect>`;
      });
      if (item.marker != null) {
        svg += `<line x1="${x0 - 3}" x2="${x0 + barW * series.length + 1}" y1="${y(item.marker)}" y2="${y(item.marker)}" class="marker"><title>target ${item.marker}</title></line>`;
      }
      const cx = left + i * slot + slot / 2;
      svg += `<text x="${cx}" y="${height - bottom + 14}" class="label" text-anchor="end" transform="rotate(-35 ${cx} ${height - bottom + 14})">${esc(item.label)}</text>`;
      if (item.note) svg += `<text x="${cx}" y="${y(0) - 4}" class="note" text-anchor="middle">${esc(item.note)}</text>`;
    });
    lines.forEach(l => {
      svg += `<line x1="${left}" x2="${width - 10}" y1="${y(l.value)}" y2="${y(l.value)}" class="ref ${esc(l.className || '')}"/>` +
        `<text x="${width - 12}" y="${y(l.value) - 3}" class="ref-label" text-anchor="end">${esc(l.label)}</text>`;
    });
    return svg + '</svg>';
  }

  /** Lines over time. series: [{name, points: [[epochMs, value]...]}]. */
  function lineChart(series, {height = 220, from, to, yMax} = {}) {
    const width = 1300, top = 12, bottom = 28, left = 44, right = 150, plotW = width - left - right, plotH = height - top - bottom;
    const all = series.flatMap(s => s.points);
    if (!all.length) return '<p class="muted">no history in this period</p>';
    const t0 = from ?? Math.min(...all.map(p => p[0])), t1 = Math.max(t0 + 1, to ?? Math.max(...all.map(p => p[0])));
    const vMax = yMax ?? Math.max(0.001, ...all.map(p => p[1])) * 1.1;
    const x = t => left + (t - t0) / (t1 - t0) * plotW, y = v => top + plotH - v / vMax * plotH;
    let svg = `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img">`;
    for (let k = 0; k <= 4; k++) {
      const v = vMax * k / 4;
      svg += `<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${left - 4}" y="${y(v) + 4}" class="axis" text-anchor="end">${v.toFixed(2)}</text>`;
    }
    [t0, (t0 + t1) / 2, t1].forEach((t, k) => svg += `<text x="${x(t)}" y="${height - 8}" class="axis" text-anchor="${['start', 'middle', 'end'][k]}">${new Date(t).toISOString().slice(0, 16).replace('T', ' ')}</text>`);
    series.forEach((s, i) => {
      if (!s.points.length) return;
      const path = s.points.map((p, k) => (k ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
      svg += `<path d="${path}" class="line c${i % 8}"><title>${esc(s.name)}</title></path>`;
      const last = s.points[s.points.length - 1];
      svg += `<text x="${left + plotW + 6}" y="${12 + i * 13}" class="legend c${i % 8}">\u25A0 ${esc(s.name)} ${last[1].toFixed(2)}</text>`;
    });
    return svg + '</svg>';
  }

  /** At most n points of a long history, evenly picked, always keeping the last. */
  function thin(points, n = 300) {
    if (points.length <= n) return points;
    const step = points.length / n, out = [];
    for (let i = 0; i < n; i++) out.push(points[Math.floor(i * step)]);
    out.push(points[points.length - 1]);
    return out;
  }

  window.TOS = {api, login, logout, credentials, loginMode, header, links, listPage, rows, showError, barChart, lineChart, thin, esc, money, ratio, num, ApiError};
})();
