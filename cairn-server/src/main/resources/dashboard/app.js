// Cairn dashboard. Plain JavaScript, no dependencies: the page must work with no internet connection.
// Registry data is shown with textContent only, never parsed as HTML: metadata is whatever clients sent.
'use strict';

(() => {
  const BASE = document.body.dataset.base || '';
  const STATUSES = ['UP', 'DOWN', 'STARTING', 'OUT_OF_SERVICE', 'UNKNOWN'];
  const MAX_ROWS = 1000;
  const AUTH_KEY = 'cairn.admin.authorization';
  const THEME_KEY = 'cairn.theme';

  const state = {
    instances: new Map(),      // "APP/id" -> instance in Eureka's JSON shape
    info: null,                // GET /info
    peers: [],                 // GET {base}/peers
    serverOffset: 0,           // server clock minus browser clock, in ms
    filter: { text: '', status: '', app: '' },
    sort: { key: 'app', dir: 'asc' },
    auth: null,                // { header, user } once signed in
    selected: null,            // key of the instance shown in the detail view
    flash: new Set(),          // keys changed by the last live events, highlighted once
  };

  // ---------------------------------------------------------------- small helpers

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  const keyOf = (i) => `${i.app}/${i.instanceId}`;
  const enabled = (p) => p && (p['@enabled'] === true || p['@enabled'] === 'true');
  const overrideOf = (i) => {
    const o = i.overriddenStatus || i.overriddenstatus;
    return o && o !== 'UNKNOWN' ? o : '';
  };
  const zoneOf = (i) => (i.metadata && i.metadata.zone)
    || (i.dataCenterInfo && i.dataCenterInfo.metadata && i.dataCenterInfo.metadata['availability-zone']) || '';
  const lastRenewalOf = (i) => Number((i.leaseInfo && i.leaseInfo.lastRenewalTimestamp) || 0);
  function addressOf(i) {
    const host = i.hostName || i.ipAddr || '?';
    if (!enabled(i.port) && enabled(i.securePort)) return `${host}:${i.securePort.$}`;
    return `${host}:${i.port ? i.port.$ : '?'}`;
  }

  const now = () => Date.now() + state.serverOffset;

  function ago(ts) {
    if (!ts) return 'never';
    const s = Math.max(0, Math.round((now() - ts) / 1000));
    if (s < 2) return 'just now';
    if (s < 90) return `${s}s ago`;
    if (s < 5400) return `${Math.round(s / 60)}m ago`;
    if (s < 172800) return `${Math.round(s / 3600)}h ago`;
    return `${Math.round(s / 86400)}d ago`;
  }

  function duration(seconds) {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (d > 0) return `${d}d ${h}h`;
    if (h > 0) return `${h}h ${m}m`;
    if (m > 0) return `${m}m ${s}s`;
    return `${s}s`;
  }

  const dateTime = (ts) => (ts ? new Date(ts).toLocaleString() : '–');

  // Today's instants by their time only; older ones with their date.
  function since(ts) {
    const d = new Date(ts);
    return d.toDateString() === new Date().toDateString()
      ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
  }

  function badge(status) {
    return el('span', `badge s-${status}`, status);
  }

  function overrideBadge(i, override) {
    const b = el('span', 'badge override', override === i.status ? 'override' : `override ${override}`);
    b.title = `Status override ${override}, set by an operator: it holds until the override is removed`;
    return b;
  }

  function toast(message, bad) {
    const t = el('div', bad ? 'toast bad' : 'toast', message);
    $('toasts').appendChild(t);
    setTimeout(() => t.remove(), bad ? 6000 : 3500);
  }

  async function getJson(url, headers) {
    const r = await fetch(url, { headers: Object.assign({ Accept: 'application/json' }, headers || {}), cache: 'no-store' });
    if (!r.ok) throw new Error(`${url} answered ${r.status}`);
    return r.json();
  }

  // ---------------------------------------------------------------- theme

  function applyTheme(theme) {
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    $('theme').textContent = theme === 'light' ? 'Light' : theme === 'dark' ? 'Dark' : 'Auto';
  }

  function initTheme() {
    let theme = 'auto';
    try { theme = localStorage.getItem(THEME_KEY) || 'auto'; } catch (e) { /* storage may be off */ }
    applyTheme(theme);
    $('theme').addEventListener('click', () => {
      const next = { auto: 'light', light: 'dark', dark: 'auto' }[document.documentElement.dataset.theme || 'auto'];
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* storage may be off */ }
      applyTheme(next);
    });
  }

  // ---------------------------------------------------------------- live registry

  let source = null;

  function setLive(s, text) {
    $('live').dataset.state = s;
    $('live-text').textContent = text;
  }

  function connect() {
    setLive('connecting', 'Connecting');
    // No index: the stream starts with a reset holding every instance, then sends each change as it happens.
    source = new EventSource(`${BASE}/events`);
    source.addEventListener('open', () => setLive('live', 'Live'));
    source.addEventListener('reset', (e) => {
      const doc = JSON.parse(e.data);
      state.instances.clear();
      for (const ev of doc.events) state.instances.set(keyOf(ev.instance), ev.instance);
      setLive('live', 'Live');
      render();
    });
    source.addEventListener('message', (e) => {
      const ev = JSON.parse(e.data);
      const k = keyOf(ev.instance);
      if (ev.action === 'DELETED') state.instances.delete(k);
      else state.instances.set(k, ev.instance);
      state.flash.add(k);
      scheduleRender();
    });
    source.addEventListener('error', () => {
      // Reconnect with a fresh stream (and so a fresh reset): simpler and safer than resuming across a restart.
      source.close();
      setLive('reconnecting', 'Reconnecting');
      setTimeout(connect, 1500);
    });
  }

  let renderQueued = false;
  function scheduleRender() {
    if (!renderQueued) {
      renderQueued = true;
      requestAnimationFrame(() => {
        renderQueued = false;
        render();
      });
    }
  }

  async function refreshInfo() {
    try {
      const info = await getJson('/info');
      state.info = info;
      state.serverOffset = info.now - Date.now();
      renderStatus();
    } catch (e) {
      setLive('reconnecting', 'Server unreachable');
    }
    try {
      const doc = await getJson(`${BASE}/peers`);
      state.peers = doc.peers || [];
      renderPeers();
    } catch (e) { /* shown on the next try */ }
  }

  // Heartbeats change nothing in the registry, so the live stream does not carry them; renewal times are refreshed here.
  async function refreshRenewals() {
    try {
      const doc = await getJson(`${BASE}/apps`);
      const apps = (doc.applications && doc.applications.application) || [];
      for (const app of apps) {
        for (const fresh of app.instance || []) {
          const current = state.instances.get(keyOf(fresh));
          if (current && fresh.leaseInfo) current.leaseInfo = fresh.leaseInfo;
        }
      }
      updateTimes();
    } catch (e) { /* reads are refused while a node syncs; try again later */ }
  }

  // ---------------------------------------------------------------- system status

  function setText(id, text) { $(id).textContent = text; }

  function renderStatus() {
    const info = state.info;
    if (!info) return;
    setText('node-name', info.node);
    setText('c-node', info.node);
    setText('c-version', `Cairn ${info.version}`);
    setText('c-uptime', duration(info.uptimeSeconds));
    setText('c-started', `since ${since(info.startedAt)}`);
    setText('c-zone', info.zone);
    setText('c-region', `region ${info.region}`);
    const expiry = $('c-expiry');
    expiry.replaceChildren(el('span', info.leaseExpirationEnabled ? 'badge ok' : 'badge warn',
      info.leaseExpirationEnabled ? 'ON' : 'OFF'));
    const sp = info.selfPreservation;
    setText('c-expiry-sub', info.leaseExpirationEnabled ? 'expired leases are evicted'
      : sp.active ? 'held by self-preservation' : 'leases are kept');
    const spValue = $('c-sp');
    if (!sp.enabled) spValue.replaceChildren(el('span', 'badge', 'DISABLED'));
    else if (sp.active) spValue.replaceChildren(el('span', 'badge warn', 'ENGAGED'));
    else spValue.replaceChildren(el('span', 'badge ok', 'STANDING BY'));
    setText('c-sp-sub', `renews last minute ${sp.renewsLastMinute} · threshold ${sp.renewsThreshold}`);
    setText('c-index', String(info.registryIndex));
    renderCounts();
    $('sp-warning').hidden = !sp.active;
    setText('sp-warning-text', sp.warning || '');
    $('gate-warning').hidden = info.readsOpen;
    renderAuth();
  }

  function renderPeers() {
    const body = $('peers').tBodies[0];
    body.replaceChildren();
    for (const p of state.peers) {
      const tr = el('tr');
      tr.append(el('td', 'mono', p.url), el('td', '', p.kind.toLowerCase()));
      const health = el('td');
      health.append(el('span', p.healthy ? 'badge ok' : 'badge bad', p.healthy ? 'HEALTHY' : 'UNREACHABLE'));
      tr.append(health);
      for (const n of [p.pending, p.sent, p.failed, p.dropped]) tr.append(el('td', 'num', n));
      const contact = el('td', 'ago', ago(p.lastSuccess));
      contact.dataset.ts = String(p.lastSuccess || 0);
      tr.append(contact, el('td', 'muted', p.lastError || ''));
      body.append(tr);
    }
    $('peers-empty').hidden = state.peers.length > 0;
    $('peers-wrap').hidden = state.peers.length === 0;
  }

  // ---------------------------------------------------------------- instances

  function matches(i, text) {
    if (!text) return true;
    const hay = [i.app, i.instanceId, i.hostName, i.ipAddr, addressOf(i), zoneOf(i), i.status, overrideOf(i), i.vipAddress];
    for (const [k, v] of Object.entries(i.metadata || {})) hay.push(k, v, `${k}=${v}`);
    return hay.some((h) => h && String(h).toLowerCase().includes(text));
  }

  function sortValue(i, key) {
    switch (key) {
      case 'id': return i.instanceId;
      case 'address': return addressOf(i);
      case 'zone': return zoneOf(i);
      case 'status': return STATUSES.indexOf(i.status);
      case 'renewal': return lastRenewalOf(i);
      default: return `${i.app}\u0000${i.instanceId}`;
    }
  }

  function visibleInstances() {
    const text = state.filter.text.trim().toLowerCase();
    const list = [...state.instances.values()].filter((i) => (!state.filter.status || i.status === state.filter.status)
      && (!state.filter.app || i.app === state.filter.app) && matches(i, text));
    const { key, dir } = state.sort;
    list.sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return dir === 'asc' ? c : -c;
    });
    return list;
  }

  function renderChips() {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    for (const i of state.instances.values()) counts[i.status] = (counts[i.status] || 0) + 1;
    const chips = $('status-chips');
    chips.replaceChildren();
    const add = (status, label, n) => {
      const b = el('button', `chip s-${status || 'ALL'}`);
      b.type = 'button';
      b.dataset.status = status;
      b.setAttribute('aria-pressed', String(state.filter.status === status));
      if (status) b.append(el('span', 'dot'));
      b.append(el('span', '', label), el('span', 'count', n));
      b.addEventListener('click', () => {
        state.filter.status = state.filter.status === status ? '' : status;
        render();
      });
      chips.append(b);
    };
    add('', 'All', state.instances.size);
    for (const s of STATUSES) {
      if (counts[s] > 0 || state.filter.status === s) add(s, s.replace(/_/g, ' '), counts[s]);
    }
  }

  function renderAppFilter() {
    const select = $('app-filter');
    const apps = [...new Set([...state.instances.values()].map((i) => i.app))].sort();
    // An application chosen as filter stays listed after its last instance left, so the choice is not lost.
    if (state.filter.app && !apps.includes(state.filter.app)) apps.push(state.filter.app);
    const current = [...select.options].slice(1).map((o) => o.value);
    if (apps.join('\u0000') === current.join('\u0000')) return;
    select.replaceChildren(new Option('All applications', ''));
    for (const a of apps) select.append(new Option(a, a));
    select.value = state.filter.app;
  }

  function metadataCell(i) {
    const td = el('td');
    const box = el('div', 'metadata');
    // The zone has its own column.
    const entries = Object.entries(i.metadata || {}).filter(([k]) => k !== 'zone');
    for (const [k, v] of entries.slice(0, 3)) {
      const kv = el('span', 'kv');
      kv.title = `${k}=${v}`;
      kv.append(el('b', '', k), document.createTextNode(`=${v}`));
      box.append(kv);
    }
    if (entries.length > 3) box.append(el('span', 'more', `+${entries.length - 3}`));
    td.append(box);
    return td;
  }

  function renderInstances() {
    const list = visibleInstances();
    const body = $('instances').tBodies[0];
    body.replaceChildren();
    for (const i of list.slice(0, MAX_ROWS)) {
      const k = keyOf(i);
      const tr = el('tr');
      tr.dataset.key = k;
      tr.dataset.status = i.status;
      if (state.flash.has(k)) tr.className = 'flash';
      const status = el('td');
      status.append(badge(i.status));
      const o = overrideOf(i);
      if (o) status.append(overrideBadge(i, o));
      const renewal = el('td', 'ago', ago(lastRenewalOf(i)));
      renewal.dataset.ts = String(lastRenewalOf(i));
      renewal.title = dateTime(lastRenewalOf(i));
      tr.append(el('td', 'app-name', i.app), el('td', 'id-cell', i.instanceId), el('td', 'mono', addressOf(i)),
        el('td', '', zoneOf(i) || '–'), status, renewal, metadataCell(i));
      tr.addEventListener('click', () => openDetail(k));
      body.append(tr);
    }
    state.flash.clear();
    const total = state.instances.size;
    $('instances-empty').hidden = total > 0;
    $('instances-none-match').hidden = total === 0 || list.length > 0;
    $('instances-truncated').hidden = list.length <= MAX_ROWS;
    setText('instances-truncated', `Showing the first ${MAX_ROWS} of ${list.length} matching instances; refine the search to see the rest.`);
    setText('apps-summary', summary());
    for (const b of document.querySelectorAll('.sort')) {
      if (b.dataset.sort === state.sort.key) b.dataset.dir = state.sort.dir;
      else delete b.dataset.dir;
    }
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

  function summary() {
    const apps = new Set([...state.instances.values()].map((i) => i.app)).size;
    return `${plural(apps, 'application')}, ${plural(state.instances.size, 'instance')}`;
  }

  function renderCounts() {
    if (state.info) setText('c-counts', summary());
  }

  function updateTimes() {
    for (const cell of document.querySelectorAll('[data-ts]')) cell.textContent = ago(Number(cell.dataset.ts));
    for (const tr of $('instances').tBodies[0].rows) {
      const i = state.instances.get(tr.dataset.key);
      const cell = tr.querySelector('[data-ts]');
      if (i && cell) {
        cell.dataset.ts = String(lastRenewalOf(i));
        cell.textContent = ago(lastRenewalOf(i));
      }
    }
  }

  function render() {
    renderChips();
    renderAppFilter();
    renderInstances();
    renderCounts();
    if ($('detail').open) renderDetail();
  }

  // ---------------------------------------------------------------- detail view

  function field(dl, name, value, mono) {
    dl.append(el('dt', '', name));
    const dd = el('dd', mono ? 'mono' : '', value === undefined || value === null || value === '' ? '–' : value);
    dl.append(dd);
  }

  function openDetail(key) {
    state.selected = key;
    renderDetail();
    if (!$('detail').open) $('detail').showModal();
  }

  function renderDetail() {
    const i = state.instances.get(state.selected);
    const [app, ...rest] = state.selected.split('/');
    setText('detail-app', app);
    setText('detail-title', rest.join('/'));
    $('detail-gone').hidden = Boolean(i);
    const status = $('detail-status');
    status.replaceChildren();
    const fields = $('detail-fields');
    const lease = $('detail-lease');
    const meta = $('detail-metadata');
    fields.replaceChildren();
    lease.replaceChildren();
    meta.replaceChildren();
    renderActions(i);
    if (!i) return;
    status.append(badge(i.status));
    if (overrideOf(i)) status.append(overrideBadge(i, overrideOf(i)));
    field(fields, 'Application', i.app);
    field(fields, 'Instance ID', i.instanceId, true);
    field(fields, 'Host name', i.hostName, true);
    field(fields, 'IP address', i.ipAddr, true);
    field(fields, 'Port', enabled(i.port) ? i.port.$ : 'disabled');
    field(fields, 'Secure port', enabled(i.securePort) ? i.securePort.$ : 'disabled');
    field(fields, 'Zone', zoneOf(i));
    field(fields, 'VIP address', i.vipAddress);
    field(fields, 'Secure VIP address', i.secureVipAddress);
    field(fields, 'Data center', i.dataCenterInfo && i.dataCenterInfo.name);
    field(fields, 'Home page', i.homePageUrl, true);
    field(fields, 'Status page', i.statusPageUrl, true);
    field(fields, 'Health check', i.healthCheckUrl, true);
    field(fields, 'Last updated', dateTime(Number(i.lastUpdatedTimestamp)));
    field(fields, 'Last dirty', dateTime(Number(i.lastDirtyTimestamp)));
    const l = i.leaseInfo || {};
    field(lease, 'Registered', dateTime(l.registrationTimestamp));
    field(lease, 'Last renewal', `${ago(l.lastRenewalTimestamp)} (${dateTime(l.lastRenewalTimestamp)})`);
    field(lease, 'Up since', dateTime(l.serviceUpTimestamp));
    field(lease, 'Renewal interval', l.renewalIntervalInSecs ? `${l.renewalIntervalInSecs} s` : '');
    field(lease, 'Lease duration', l.durationInSecs ? `${l.durationInSecs} s` : '');
    const entries = Object.entries(i.metadata || {});
    if (entries.length === 0) field(meta, 'No metadata', '');
    for (const [k, v] of entries) field(meta, k, v, true);
  }

  const ACTIONS = {
    out: {
      title: 'Take out of service',
      text: (k) => `Take ${k} out of service? Clients stop routing to it at their next fetch; it keeps its lease.`,
      method: 'PUT', path: (app, id) => `/admin/apps/${app}/${id}/status?value=OUT_OF_SERVICE`,
      done: (k) => `${k} is now OUT_OF_SERVICE`,
      usable: (i) => i.status !== 'OUT_OF_SERVICE',
    },
    up: {
      title: 'Put back in service',
      text: (k) => `Put ${k} back in service? It is marked UP by an override until the override is removed.`,
      method: 'PUT', path: (app, id) => `/admin/apps/${app}/${id}/status?value=UP`,
      done: (k) => `${k} is now UP`,
      usable: (i) => i.status !== 'UP',
    },
    clear: {
      title: 'Remove override',
      text: (k) => `Remove the status override of ${k}? As in Eureka it turns UNKNOWN until its next heartbeat, when it registers again with its own status.`,
      method: 'DELETE', path: (app, id) => `/admin/apps/${app}/${id}/status`,
      done: (k) => `Override removed from ${k}`,
      usable: (i) => Boolean(overrideOf(i)),
    },
    deregister: {
      title: 'Deregister',
      text: (k) => `Deregister ${k}? It disappears from the registry; if it is still running it registers again with its next heartbeat.`,
      method: 'DELETE', path: (app, id) => `/admin/apps/${app}/${id}`,
      done: (k) => `${k} deregistered`,
      usable: () => true,
      danger: true,
    },
  };

  function renderActions(i) {
    const adminOn = state.info && state.info.admin.enabled;
    for (const b of $('detail-actions').querySelectorAll('button')) {
      b.disabled = !i || !state.auth || !ACTIONS[b.dataset.action].usable(i);
    }
    setText('detail-readonly', state.auth ? ''
      : adminOn ? 'Read-only: sign in as administrator to change this instance.'
        : 'Read-only: administrative actions are disabled on this node (set cairn.admin.password or cairn.admin.token).');
  }

  function confirmAction(name) {
    const action = ACTIONS[name];
    const k = state.selected;
    const dialog = $('confirm');
    setText('confirm-title', `${action.title}?`);
    setText('confirm-text', action.text(k));
    $('confirm-ok').textContent = action.title;
    $('confirm-ok').className = action.danger ? 'btn danger primary' : 'btn primary';
    dialog.returnValue = '';
    dialog.onclose = () => {
      if (dialog.returnValue === 'ok') perform(action, k);
    };
    dialog.showModal();
  }

  async function perform(action, k) {
    const i = state.instances.get(k);
    if (!i) return;
    const url = action.path(encodeURIComponent(i.app), encodeURIComponent(i.instanceId));
    try {
      const r = await fetch(url, {
        method: action.method,
        headers: { Authorization: state.auth.header, 'X-Requested-With': 'cairn-dashboard', Accept: 'application/json' },
      });
      if (r.status === 401) {
        signOut();
        toast('Your administrator credentials were refused; sign in again.', true);
        return;
      }
      if (!r.ok) {
        const body = await r.json().catch(() => ({}));
        toast(body.error || `The server answered ${r.status}`, true);
        return;
      }
      toast(action.done(k));
    } catch (e) {
      toast('The server could not be reached.', true);
    }
  }

  // ---------------------------------------------------------------- sign in

  function renderAuth() {
    const adminOn = state.info && state.info.admin.enabled;
    const button = $('sign-in');
    const who = $('who');
    if (state.auth) {
      who.hidden = false;
      who.textContent = `Signed in as ${state.auth.user}`;
      button.textContent = 'Sign out';
      button.disabled = false;
      button.title = '';
    } else {
      who.hidden = !state.info || adminOn;
      who.textContent = 'Read-only';
      button.textContent = 'Sign in';
      button.disabled = Boolean(state.info) && !adminOn;
      button.title = adminOn || !state.info ? ''
        : 'Administrative actions are disabled on this node (set cairn.admin.password or cairn.admin.token)';
    }
    if ($('detail').open) renderActions(state.instances.get(state.selected));
  }

  async function trySession(header) {
    const r = await fetch('/admin/session', {
      headers: { Authorization: header, 'X-Requested-With': 'cairn-dashboard', Accept: 'application/json' },
      cache: 'no-store',
    });
    const body = await r.json().catch(() => ({}));
    return { ok: r.ok, status: r.status, user: body.user, error: body.error };
  }

  function signOut() {
    state.auth = null;
    try { sessionStorage.removeItem(AUTH_KEY); } catch (e) { /* storage may be off */ }
    renderAuth();
  }

  function initAuth() {
    const dialog = $('login');
    $('sign-in').addEventListener('click', () => {
      if (state.auth) {
        signOut();
        toast('Signed out');
        return;
      }
      $('login-error').hidden = true;
      $('login-password').value = '';
      $('login-token').value = '';
      dialog.showModal();
      $('login-password').focus();
    });
    $('login-cancel').addEventListener('click', () => dialog.close());
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const user = $('login-user').value.trim();
      const password = $('login-password').value;
      const token = $('login-token').value.trim();
      if (!token && !password) {
        $('login-error').textContent = 'Enter a password or a token.';
        $('login-error').hidden = false;
        return;
      }
      const header = token ? `Bearer ${token}`
        : `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`;
      try {
        const result = await trySession(header);
        if (!result.ok) {
          $('login-error').textContent = result.status === 401 ? 'Those credentials are not accepted.' : (result.error || `The server answered ${result.status}.`);
          $('login-error').hidden = false;
          return;
        }
        state.auth = { header, user: result.user };
        try { sessionStorage.setItem(AUTH_KEY, JSON.stringify(state.auth)); } catch (err) { /* storage may be off */ }
        dialog.close();
        renderAuth();
        toast(`Signed in as ${result.user}`);
      } catch (err) {
        $('login-error').textContent = 'The server could not be reached.';
        $('login-error').hidden = false;
      }
    });
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(AUTH_KEY) || 'null'); } catch (e) { saved = null; }
    if (saved && saved.header) {
      trySession(saved.header).then((r) => {
        if (r.ok) {
          state.auth = { header: saved.header, user: r.user };
          renderAuth();
        } else {
          signOut();
        }
      }).catch(() => {});
    }
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    initTheme();
    initAuth();
    $('search').addEventListener('input', (e) => {
      state.filter.text = e.target.value;
      renderInstances();
    });
    $('app-filter').addEventListener('change', (e) => {
      state.filter.app = e.target.value;
      render();
    });
    for (const b of document.querySelectorAll('.sort')) {
      b.addEventListener('click', () => {
        const key = b.dataset.sort;
        state.sort = { key, dir: state.sort.key === key && state.sort.dir === 'asc' ? 'desc' : 'asc' };
        renderInstances();
      });
    }
    $('detail-close').addEventListener('click', () => $('detail').close());
    $('detail').addEventListener('click', (e) => {
      // A click on the backdrop lands on the dialog itself, outside its box.
      const r = $('detail').getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) $('detail').close();
    });
    for (const b of $('detail-actions').querySelectorAll('button')) {
      b.addEventListener('click', () => confirmAction(b.dataset.action));
    }
    render();
    connect();
    refreshInfo();
    setInterval(refreshInfo, 5000);
    setInterval(refreshRenewals, 15000);
    setInterval(updateTimes, 1000);
  }

  init();
})();
