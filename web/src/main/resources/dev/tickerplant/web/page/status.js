// The status page's script: figures from /health and /api/upstream at load, after each reconnect and whenever the
// daemon pushes a status change or a heartbeat; every live update over the daemon's own WebSocket feed (/ws).
// Plain DOM, no framework; every value from the daemon reaches the page through textContent, never as markup.
'use strict';

(() => {
  const TOKEN_KEY = 'tickerplant.token';
  const HISTORY_POINTS = 120;
  const MAX_ALERTS = 50;
  const BACKOFF_INITIAL_MS = 500;
  const BACKOFF_MAX_MS = 8000;
  // Several status messages arrive together when a connection drops: one read of the figures answers them all.
  const REFRESH_COALESCE_MS = 250;
  // A daemon whose start moved by more than this between two reads of /health was restarted: its seq began again.
  const RESTART_TOLERANCE_MS = 5000;

  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const tickerBody = $('tickers').tBodies[0];
  const connectionBody = $('connections').tBodies[0];
  const legsBody = $('legs').tBodies[0];

  const page = {
    token: sessionStorage.getItem(TOKEN_KEY),
    socket: null,
    attempt: 0,
    reconnectTimer: null,
    refreshTimer: null,
    lastSeq: 0,
    daemonStartedAt: null,
    connects: 0,
    ticks: 0,
    filter: '',
    selected: null,
    rows: new Map(),            // product id -> {row, cells, price, history}
    productConnections: new Map(), // product id -> [connection names], from /api/upstream
    connectionReads: new Map(), // connection name -> {messages, at}: the previous read, for messages/s
    connectionTicks: new Map(), // connection name -> {count, lastAt}: ticks of its products seen on the feed
    connectionStatus: new Map(), // connection name -> status message (stale only)
    shownStates: new Map(),     // connection name -> {state, since}: the state its row shows, since when
    blindProducts: new Map(),   // product id -> reason, from product status messages
    health: null,
    upstream: null,
  };

  // ---- figures over HTTP ----

  class AuthNeeded extends Error {}

  async function fetchJson(path) {
    const headers = { Accept: 'application/json' };
    if (page.token) {
      headers.Authorization = 'Bearer ' + page.token;
    }
    const response = await fetch(path, { headers, cache: 'no-store' });
    if (response.status === 401) {
      throw new AuthNeeded(path);
    }
    // /health answers 503 with its figures when the daemon is not ready: still figures to show.
    if (!response.ok && response.status !== 503) {
      throw new Error(path + ' answered ' + response.status);
    }
    return response.json();
  }

  /** Reads /health and /api/upstream; false when /api wants a token the page does not have (or that was refused). */
  async function readFigures() {
    const health = await fetchJson('/health');
    noteDaemonStart(health);
    page.health = health;
    try {
      page.upstream = await fetchJson('/api/upstream');
    } catch (e) {
      if (e instanceof AuthNeeded) {
        askForToken();
        renderFigures();
        return false;
      }
      throw e;
    }
    renderFigures();
    return true;
  }

  function scheduleRefresh() {
    if (page.refreshTimer !== null) {
      return;
    }
    page.refreshTimer = setTimeout(() => {
      page.refreshTimer = null;
      readFigures().catch((e) => setFeed(body.dataset.feed, 'figures unavailable: ' + e.message));
    }, REFRESH_COALESCE_MS);
  }

  /** A restarted daemon numbers ticks from 1 again: resuming with the old seq would skip or repeat ticks. */
  function noteDaemonStart(health) {
    const startedAt = Date.now() - health.uptime_s * 1000;
    const restarted = page.daemonStartedAt !== null
        && Math.abs(startedAt - page.daemonStartedAt) > RESTART_TOLERANCE_MS;
    const behind = health.ring && health.ring.last_seq < page.lastSeq;
    if (restarted || behind) {
      page.lastSeq = 0;
    }
    page.daemonStartedAt = startedAt;
  }

  // ---- the live feed ----

  async function start() {
    clearTimeout(page.reconnectTimer);
    page.reconnectTimer = null;
    setFeed('connecting', page.connects === 0 ? 'connecting…' : 'reconnecting…');
    let allowed;
    try {
      allowed = await readFigures();
    } catch (e) {
      scheduleReconnect('daemon unreachable (' + e.message + ')');
      return;
    }
    if (allowed) {
      openSocket();
    }
  }

  function openSocket() {
    const url = new URL('/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (page.token) {
      // Browsers cannot set headers on a WebSocket: the daemon takes the token as a query parameter instead.
      url.searchParams.set('token', page.token);
    }
    const socket = new WebSocket(url);
    page.socket = socket;
    socket.onopen = () => {
      const subscribe = { type: 'subscribe', products: ['*'], channels: ['ticker', 'status', 'alerts'] };
      if (page.lastSeq > 0) {
        subscribe.since_seq = page.lastSeq;
      }
      socket.send(JSON.stringify(subscribe));
    };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (page.socket !== socket) {
        return;
      }
      page.socket = null;
      scheduleReconnect('feed closed (' + (event.code || 'no code') + (event.reason ? ': ' + event.reason : '') + ')');
    };
  }

  /** Exponential backoff with full jitter, like the daemon's own upstream connections. */
  function scheduleReconnect(why) {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** page.attempt);
    const delay = Math.max(100, Math.round(Math.random() * ceiling));
    page.attempt++;
    setFeed('reconnecting', why + '; retrying in ' + (delay / 1000).toFixed(1) + ' s');
    page.reconnectTimer = setTimeout(start, delay);
  }

  function onMessage(message) {
    switch (message.type) {
      case 'welcome':
        // The subscribe below brings a stale message for whatever is stale now: forget what the last feed said.
        page.connectionStatus.clear();
        page.blindProducts.clear();
        page.attempt = 0;
        page.connects++;
        body.dataset.connects = String(page.connects);
        setFeed('live', 'live · ' + message.product_count + ' products · client ' + message.client_id);
        break;
      case 'snapshot':
        message.tickers.forEach((ticker) => applyTicker(ticker, false));
        break;
      case 'ticker':
        applyTicker(message, true);
        break;
      case 'replay_unavailable':
        page.lastSeq = 0;
        break;
      case 'status':
        applyStatus(message);
        scheduleRefresh();
        break;
      case 'heartbeat':
        scheduleRefresh();
        break;
      case 'volume_alert':
        addAlert(message);
        break;
      case 'error':
        setFeed(body.dataset.feed, 'daemon said: ' + message.message);
        break;
      default:
        break; // subscriptions, pong and the rest carry nothing this page shows
    }
  }

  function setFeed(state, text) {
    body.dataset.feed = state;
    $('feed-state').textContent = text;
  }

  // ---- the token ----

  function askForToken() {
    const refused = Boolean(page.token);
    if (refused) {
      page.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
    }
    $('token-message').textContent = refused
      ? 'The daemon refused that token. Enter the token set as its auth-token.'
      : 'This daemon asks for a bearer token (its auth-token setting). It is kept in this browser tab only.';
    $('token-form').hidden = false;
    setFeed('auth', 'waiting for the bearer token');
    $('token-input').focus();
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input').value.trim();
    if (!token) {
      return;
    }
    page.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token-input').value = '';
    $('token-form').hidden = true;
    page.attempt = 0;
    start();
  });

  // ---- tickers ----
  // A message updates the page's model at once; the table is written once per frame. Writing each ticker into the
  // DOM as it came (and restarting its flash) made the browser lay the whole table out per tick, and a loaded machine
  // fell tens of seconds behind a 300-row table.

  const render = { dirty: new Set(), added: [], scheduled: false, live: false };

  function applyTicker(ticker, live) {
    const id = ticker.product_id;
    let entry = page.rows.get(id);
    if (!entry) {
      entry = { id, row: null, cells: null, price: null, shownPrice: null, history: [], ticker: null,
        flash: null, flashAlt: false };
      page.rows.set(id, entry);
      render.added.push(entry);
    }
    const price = ticker.price;
    if (price !== undefined && price !== entry.price) {
      if (live && entry.price !== null) {
        entry.flash = Number(price) >= Number(entry.price) ? 'flash-up' : 'flash-down';
      }
      entry.price = price;
      entry.history.push(Number(price));
      if (entry.history.length > HISTORY_POINTS) {
        entry.history.shift();
      }
    }
    entry.ticker = ticker;
    render.dirty.add(entry);
    if (ticker.seq > page.lastSeq) {
      page.lastSeq = ticker.seq;
    }
    if (live) {
      page.ticks++;
      render.live = true;
      noteConnectionTick(id);
    }
    scheduleRender();
  }

  /** Once per frame, or after 100 ms where the browser draws no frames (a hidden tab). */
  function scheduleRender() {
    if (render.scheduled) {
      return;
    }
    render.scheduled = true;
    requestAnimationFrame(renderTickers);
    setTimeout(renderTickers, 100);
  }

  function renderTickers() {
    if (!render.scheduled) {
      return;
    }
    render.scheduled = false;
    if (render.added.length > 0) {
      addRows(render.added);
      render.added = [];
    }
    let moved = false;
    let charted = false;
    for (const entry of render.dirty) {
      moved = writeRow(entry) || moved;
      charted = charted || page.selected === entry.id;
    }
    render.dirty.clear();
    if (moved) {
      body.dataset.priceChangedAt = String(Date.now()); // when the page last showed a price move (for tests)
    }
    if (render.live) {
      render.live = false;
      body.dataset.ticks = String(page.ticks);
    }
    if (charted) {
      drawChart();
    }
  }

  /** Writes the entry's latest ticker into its row; true when a price move was flashed. */
  function writeRow(entry) {
    const ticker = entry.ticker;
    const cells = entry.cells;
    let moved = false;
    if (entry.price !== entry.shownPrice) {
      entry.shownPrice = entry.price;
      cells.price.textContent = entry.price;
      if (entry.flash !== null) {
        flash(entry, entry.flash);
        moved = true;
      }
    }
    entry.flash = null;
    const change = changePercent(ticker);
    if (change !== null) {
      cells.change.textContent = (change > 0 ? '+' : '') + change.toFixed(2) + ' %';
      cells.change.className = 'num ' + (change > 0 ? 'pos' : change < 0 ? 'neg' : '');
    }
    setText(cells.bid, ticker.best_bid);
    setText(cells.ask, ticker.best_ask);
    setText(cells.volume, ticker.volume_24_h !== undefined ? ticker.volume_24_h : ticker.volume_24h);
    cells.seq.textContent = String(ticker.seq);
    return moved;
  }

  /** Advanced Trade sends the 24 h change; the Exchange feed sends the 24 h open to compute it from. */
  function changePercent(ticker) {
    if (ticker.price_percent_chg_24_h !== undefined) {
      return Number(ticker.price_percent_chg_24_h);
    }
    if (ticker.open_24h !== undefined && Number(ticker.open_24h) > 0) {
      return (Number(ticker.price) / Number(ticker.open_24h) - 1) * 100;
    }
    return null;
  }

  function setText(cell, value) {
    if (value !== undefined) {
      cell.textContent = value;
    }
  }

  /**
   * Restarts the flash by switching between two animations of the same keyframes: a new animation name starts over
   * without the forced layout that removing and re-adding one class needs.
   */
  function flash(entry, name) {
    entry.flashAlt = !entry.flashAlt;
    const classes = entry.cells.price.classList;
    classes.remove('flash-up', 'flash-down', 'flash-again');
    classes.add(name);
    if (entry.flashAlt) {
      classes.add('flash-again');
    }
  }

  /** Rows for new products, each put in product order, so a product's row stays where the eye last found it. */
  function addRows(entries) {
    entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const existing = Array.from(tickerBody.rows);
    let at = 0;
    for (const entry of entries) {
      while (at < existing.length && existing[at].dataset.product < entry.id) {
        at++;
      }
      tickerBody.insertBefore(newRow(entry), existing[at] || null);
    }
    updateCount();
  }

  function newRow(entry) {
    const row = document.createElement('tr');
    row.tabIndex = 0;
    row.dataset.product = entry.id;
    row.setAttribute('aria-selected', 'false');
    const cells = {};
    const product = document.createElement('th');
    product.scope = 'row';
    product.textContent = entry.id;
    row.append(product);
    for (const [name, wide] of [['price', false], ['change', false], ['bid', true], ['ask', true],
      ['volume', true], ['seq', true]]) {
      const cell = document.createElement('td');
      cell.className = wide ? 'num wide' : 'num';
      cell.dataset.field = name;
      row.append(cell);
      cells[name] = cell;
    }
    row.hidden = !matchesFilter(entry.id);
    entry.row = row;
    entry.cells = cells;
    return row;
  }

  function matchesFilter(id) {
    return page.filter === '' || id.toUpperCase().includes(page.filter);
  }

  function updateCount() {
    const rows = Array.from(page.rows.values()).filter((e) => e.row !== null);
    const shown = rows.filter((e) => !e.row.hidden).length;
    $('ticker-count').textContent = page.filter === ''
      ? '(' + rows.length + ')' : '(' + shown + ' of ' + rows.length + ')';
  }

  $('filter').addEventListener('input', (event) => {
    page.filter = event.target.value.trim().toUpperCase();
    for (const [id, entry] of page.rows) {
      if (entry.row !== null) {
        entry.row.hidden = !matchesFilter(id);
      }
    }
    updateCount();
  });

  tickerBody.addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row) {
      select(row.dataset.product);
    }
  });

  tickerBody.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr');
    if (!row) {
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(row.dataset.product);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const visible = Array.from(tickerBody.rows).filter((r) => !r.hidden);
      const next = visible[visible.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        next.focus();
      }
    }
  });

  function select(id) {
    if (page.selected && page.rows.has(page.selected)) {
      page.rows.get(page.selected).row.setAttribute('aria-selected', 'false');
    }
    page.selected = id;
    page.rows.get(id).row.setAttribute('aria-selected', 'true');
    $('chart-product').textContent = id;
    drawChart();
  }

  // ---- the sparkline ----

  function drawChart() {
    const entry = page.rows.get(page.selected);
    const points = entry ? entry.history : [];
    const line = $('sparkline-line');
    if (points.length === 0) {
      line.setAttribute('points', '');
      return;
    }
    const low = Math.min(...points);
    const high = Math.max(...points);
    const span = high - low || 1;
    const step = points.length > 1 ? 300 / (points.length - 1) : 0;
    line.setAttribute('points', points.map((p, i) =>
      (i * step).toFixed(1) + ',' + (76 - ((p - low) / span) * 72).toFixed(1)).join(' '));
    const text = page.selected + ': last ' + points.length + ' prices, low ' + low + ', high ' + high
        + ', now ' + entry.price;
    $('sparkline').setAttribute('aria-label', text);
    $('chart-range').textContent = 'low ' + low + ' · high ' + high + ' · last ' + points.length + ' changes';
  }

  // ---- connections, coverage, legs, stale products ----

  function applyStatus(message) {
    if (message.scope === 'product') {
      if (message.state === 'stale') {
        page.blindProducts.set(message.id, message.reason);
      } else {
        page.blindProducts.delete(message.id);
      }
      renderStale();
    } else if (message.scope === 'connection') {
      if (message.state === 'stale') {
        page.connectionStatus.set(message.id, message);
      } else {
        page.connectionStatus.delete(message.id);
      }
      renderConnections();
    }
  }

  function noteConnectionTick(productId) {
    const names = page.productConnections.get(productId);
    if (!names) {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      const ticks = page.connectionTicks.get(name) || { count: 0, lastAt: null, rate: null };
      ticks.count++;
      ticks.lastAt = now;
      page.connectionTicks.set(name, ticks);
    }
  }

  function connectionList() {
    if (page.upstream) {
      return page.upstream.connections;
    }
    return page.health ? page.health.upstream : [];
  }

  function renderFigures() {
    const health = page.health;
    if (page.upstream) {
      page.productConnections.clear();
      for (const c of page.upstream.connections) {
        for (const id of c.product_ids || []) {
          const names = page.productConnections.get(id) || [];
          names.push(c.name);
          page.productConnections.set(id, names);
        }
      }
    }
    const now = Date.now();
    for (const c of connectionList()) {
      const previous = page.connectionReads.get(c.name);
      // Between two reads: the frames in between. At the first: the average since a link that never reconnected
      // began streaming, the best the daemon's figures allow until the next read.
      let rate = previous && now > previous.at && c.messages >= previous.messages
        ? (c.messages - previous.messages) * 1000 / (now - previous.at) : null;
      if (rate === null && !previous && c.reconnects === 0 && c.uptime_s > 0) {
        rate = c.messages / c.uptime_s;
      }
      page.connectionReads.set(c.name, { messages: c.messages, at: now, rate: rate !== null ? rate
        : previous ? previous.rate : null, frameAge: c.last_frame_age_ms });
    }
    if (health) {
      body.dataset.health = health.status;
      // The plant in one line, worded as systemctl status shows it: "20/20 connected, 300/300 products ...".
      const plant = document.createElement('strong');
      plant.id = 'plant-line';
      plant.textContent = health.connections + ', ' + health.products_receiving + '/' + health.products_planned
          + ' products receiving data';
      $('summary').replaceChildren(health.status + ' · ', plant, ' · coverage ' + health.coverage + ' · '
          + health.subscribers + ' subscribers · version ' + health.version);
      $('coverage').textContent = 'Coverage ' + health.coverage + ': ' + health.products_receiving + ' of '
          + health.products_planned + ' planned products receiving data on ' + health.connections_streaming
          + ' of ' + health.connections_total + ' connections.';
    }
    renderConnections();
    renderLegs();
    renderStale();
  }

  function renderConnections() {
    const now = Date.now();
    const rows = connectionList().map((c) => {
      const read = page.connectionReads.get(c.name) || {};
      const ticks = page.connectionTicks.get(c.name);
      const stale = page.connectionStatus.get(c.name);
      const row = document.createElement('tr');
      row.dataset.connection = c.name;
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = c.name;
      const shown = stale ? 'stale' : c.state;
      const before = page.shownStates.get(c.name);
      if (!before || before.state !== shown) {
        page.shownStates.set(c.name, { state: shown, since: now });
      }
      row.dataset.stateSince = String(page.shownStates.get(c.name).since); // when the row took its state
      const state = document.createElement('td');
      state.className = 'state-' + shown;
      state.textContent = shown;
      const reason = stale ? stale.reason : c.state !== 'streaming' ? c.last_close_reason : null;
      if (reason) {
        const detail = document.createElement('span');
        detail.className = 'reason';
        detail.textContent = reason;
        state.append(detail);
      }
      // The daemon's frame age as read, aged since; or the page's own last tick of its products, if later.
      let age = read.frameAge !== null && read.frameAge !== undefined ? read.frameAge + (now - read.at) : null;
      if (ticks && ticks.lastAt !== null && (age === null || now - ticks.lastAt < age)) {
        age = now - ticks.lastAt;
      }
      row.append(name, state,
        cell((c.flowing !== undefined ? c.flowing + '/' : '') + c.products),
        cell(read.rate === null || read.rate === undefined ? '—' : read.rate.toFixed(1)),
        cell(ticks && ticks.rate !== null && ticks.rate !== undefined ? ticks.rate.toFixed(1) : '—'),
        cell(String(c.reconnects)),
        cell(age === null ? '—' : formatAge(age)));
      return row;
    });
    connectionBody.replaceChildren(...rows);
  }

  function cell(text) {
    const td = document.createElement('td');
    td.className = 'num';
    td.textContent = text;
    return td;
  }

  function formatAge(ms) {
    return ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }

  function renderLegs() {
    const legs = page.health && page.health.legs;
    $('legs-block').hidden = !legs;
    if (!legs) {
      return;
    }
    legsBody.replaceChildren(...legs.map((leg) => {
      const row = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = leg.leg.toUpperCase();
      row.append(name, cell(leg.connections_streaming + '/' + leg.connections_total), cell(String(leg.wins)),
        cell(String(leg.losses)), cell(leg.lag_ms && leg.lag_ms.p99 !== null ? leg.lag_ms.p99 + ' ms' : '—'));
      return row;
    }));
  }

  /**
   * "We are blind" when no streaming connection carries the product (the daemon's product status says so, or its
   * connection is not streaming); "no trades" when its connection streams but nothing traded since it subscribed.
   */
  function renderStale() {
    const stale = new Map();
    const listed = page.health && page.health.stale_products ? page.health.stale_products.products : [];
    for (const id of listed) {
      stale.set(id, null);
    }
    for (const [id, reason] of page.blindProducts) {
      stale.set(id, reason);
    }
    const states = new Map(connectionList().map((c) => [c.name, c.state]));
    const items = Array.from(stale.keys()).sort().map((id) => {
      let reason = stale.get(id);
      if (reason === null) {
        const names = page.productConnections.get(id) || [];
        const streaming = names.some((n) => states.get(n) === 'streaming' && !page.connectionStatus.has(n));
        reason = names.length > 0 && !streaming ? 'no streaming connection carries it: ' + names.join(', ')
            + ' not streaming' : null;
      }
      const item = document.createElement('li');
      item.dataset.product = id;
      item.append(document.createTextNode(id));
      const tag = document.createElement('span');
      tag.className = 'tag ' + (reason ? 'tag-blind' : 'tag-quiet');
      tag.textContent = reason ? 'we are blind' : 'no trades';
      item.append(tag);
      const detail = document.createElement('span');
      detail.className = 'reason';
      detail.textContent = reason || 'its connection streams; no trade since it subscribed';
      item.append(detail);
      return item;
    });
    $('stale').replaceChildren(...items);
    $('stale-count').textContent = '(' + items.length + ')';
  }

  // ---- volume alerts ----

  function addAlert(alert) {
    const item = document.createElement('li');
    const time = alert.time ? new Date(alert.time).toLocaleTimeString() : '';
    item.textContent = time + ' ' + alert.product_id + ': ' + alert.volume + ' traded in ' + alert.window_minutes
        + ' min, ' + alert.ratio + '× the average ' + alert.average;
    const list = $('alerts');
    list.prepend(item);
    while (list.children.length > MAX_ALERTS) {
      list.lastElementChild.remove();
    }
  }

  // The page's own clock, no request: frame ages grow and tick rates settle between the daemon's messages.
  let lastRateAt = Date.now();
  setInterval(() => {
    const now = Date.now();
    const seconds = (now - lastRateAt) / 1000;
    lastRateAt = now;
    for (const ticks of page.connectionTicks.values()) {
      ticks.rate = ticks.count / seconds;
      ticks.count = 0;
    }
    renderConnections();
  }, 1000);

  start();
})();
