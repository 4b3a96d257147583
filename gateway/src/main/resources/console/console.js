// The IFW web console: one WebSocket to the gateway (/ifw/ws), the protocol of docs/web.md.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const PLOT_WINDOW_MS = 60000;

  let socket = null;
  let nextId = 1;
  const pending = new Map();          // request id -> {resolve, reject}
  let current = null;                 // the feature on show: {id, description, state, zones}
  const samples = new Map();          // "zone|property" -> [[timeMs, number], ...] of the feature on show
  let openModel = null;               // {handle, size, loaded, item}

  // ----- connection -----

  function token() {
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
    if (fromHash) {
      sessionStorage.setItem('ifw.token', fromHash);
    }
    return sessionStorage.getItem('ifw.token') || '';
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const t = token();
    socket = new WebSocket(scheme + '://' + location.host + '/ifw/ws' + (t ? '?token=' + encodeURIComponent(t) : ''));
    setConnection('connecting', 'connecting…');
    socket.onopen = () => setConnection('open', 'connected');
    socket.onclose = (event) => {
      setConnection('closed', 'disconnected' + (event.reason ? ': ' + event.reason : '') + ' — reconnecting');
      for (const p of pending.values()) {
        p.reject({ code: 'NOT_CONNECTED', message: 'the connection closed' });
      }
      pending.clear();
      if (event.code === 1006 && !socket.welcomed) {
        $('token-form').hidden = false;
        $('token-reason').textContent = 'the gateway refused the connection (a token may be needed)';
      }
      setTimeout(connect, 2000);
    };
    socket.onmessage = (event) => receive(JSON.parse(event.data));
  }

  function setConnection(state, text) {
    $('connection').dataset.state = state;
    $('connection').textContent = text;
  }

  function request(type, fields) {
    const id = nextId++;
    const message = Object.assign({ type: type, id: id }, fields || {});
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve, reject: reject });
      socket.send(JSON.stringify(message));
    });
  }

  function receive(message) {
    if ((message.type === 'reply' || message.type === 'error') && message.id !== undefined && pending.has(message.id)) {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'reply') {
        p.resolve(message);
      } else {
        p.reject(message);
      }
      return;
    }
    switch (message.type) {
      case 'welcome':
        socket.welcomed = true;
        $('token-form').hidden = true;
        $('role').textContent = message.role === 'full' ? '' : '(read-only)';
        loadFeatures();
        if (current) {
          selectFeature(current.id);
        }
        break;
      case 'value': onValue(message); break;
      case 'availability': onAvailability(message); break;
      case 'attribute': onAttribute(message); break;
      case 'status': if (current && message.feature === current.id) { showStatus(message.status); refreshBackends(); } refreshFeatureEntry(message.status); break;
      case 'zones': if (current && message.feature === current.id) { selectFeature(current.id); } break;
      case 'signal': onSignal(message); break;
      case 'modelChange': onModelChange(message); break;
      case 'featureAdded': case 'featureRemoved': loadFeatures(); break;
      case 'error': console.warn('IFW gateway error', message); break;
      default: break;
    }
  }

  // ----- features -----

  function loadFeatures() {
    request('features').then((reply) => {
      const list = $('features');
      list.textContent = '';
      for (const f of reply.features) {
        const li = document.createElement('li');
        li.dataset.feature = f.feature;
        li.onclick = () => selectFeature(f.feature);
        list.appendChild(li);
        refreshFeatureEntry(f, f.name);
      }
      if (!current) {
        const wanted = new URLSearchParams(location.hash.slice(1)).get('feature');
        const first = reply.features.find((f) => f.feature === wanted) || reply.features[0];
        if (first) {
          selectFeature(first.feature);
        }
      } else {
        markSelected();
      }
    });
  }

  function refreshFeatureEntry(status, name) {
    const li = document.querySelector('#features li[data-feature="' + CSS.escape(status.feature) + '"]');
    if (!li) {
      return;
    }
    const shortName = name || li.dataset.name || status.feature;
    li.dataset.name = shortName;
    li.textContent = shortName;
    const small = document.createElement('small');
    small.textContent = status.backend ? status.backend.name + ' (' + status.backend.kind + (status.backend.remote ? ', remote' : '') + ')' : 'no backend';
    li.appendChild(small);
  }

  function markSelected() {
    for (const li of document.querySelectorAll('#features li')) {
      li.classList.toggle('selected', current !== null && li.dataset.feature === current.id);
    }
  }

  function selectFeature(featureId) {
    if (current && current.id !== featureId) {
      request('unsubscribe', { feature: current.id }).catch(() => {});
    }
    closeModel();
    Promise.all([request('describe', { feature: featureId }), request('subscribe', { feature: featureId })]).then(([description, subscribed]) => {
      current = { id: featureId, description: description, state: subscribed.state, zones: [''].concat(subscribed.zones) };
      samples.clear();
      $('feature').hidden = false;
      $('feature-title').textContent = description.name + ' ' + description.version;
      $('feature-title').title = featureId;
      markSelected();
      showStatus(subscribed.status);
      renderBackends(description.backends);
      renderProperties();
      renderOperations();
      renderFaults();
      renderModels();
      renderPlotChoices();
      $('signals').textContent = '';
    }).catch((error) => showError($('backend-error'), error));
  }

  function showStatus(status) {
    const el = $('status');
    el.textContent = '';
    const backend = status.backend;
    el.dataset.backend = backend ? backend.name : '';
    el.dataset.backendKind = backend ? backend.kind : '';
    const kind = document.createElement('span');
    kind.className = backend ? 'kind-' + backend.kind : '';
    kind.textContent = backend ? backend.name + ' (' + backend.kind + (backend.remote ? ', remote' : '') + ')' : 'no backend';
    el.append('Backend: ', kind, ' · connection ' + status.connection.state + (status.connection.detail ? ' (' + status.connection.detail + ')' : ''),
      ' · swaps ' + status.swaps, ' · ' + status.lastChange);
    if (status.error) {
      const error = document.createElement('span');
      error.className = 'error';
      error.textContent = ' · ' + status.error.code + ': ' + status.error.message;
      el.appendChild(error);
    }
  }

  // ----- backends -----

  function renderBackends(backends) {
    const select = $('backend-select');
    select.textContent = '';
    for (const b of backends) {
      const option = document.createElement('option');
      option.value = b.name;
      option.textContent = b.name + ' (' + b.kind + (b.remote ? ', remote' : '') + ')' + (b.bound ? ' — bound' : '');
      option.selected = b.bound;
      select.appendChild(option);
    }
  }

  function refreshBackends() {
    if (current) {
      request('backends', { feature: current.id }).then((reply) => renderBackends(reply.backends)).catch(() => {});
    }
  }

  $('backend-use').onclick = () => {
    $('backend-error').textContent = '';
    request('use', { feature: current.id, backend: $('backend-select').value }).catch((e) => showError($('backend-error'), e));
  };
  $('backend-discovery').onclick = () => {
    $('backend-error').textContent = '';
    request('use', { feature: current.id, backend: null }).catch((e) => showError($('backend-error'), e));
  };

  // ----- properties -----

  function propertyType(name) {
    return current.description.properties.find((p) => p.name === name);
  }

  function renderProperties() {
    const head = $('properties-head');
    head.textContent = '';
    const th = document.createElement('th');
    th.textContent = 'property';
    head.appendChild(th);
    for (const zone of current.zones) {
      const z = document.createElement('th');
      z.textContent = zone === '' ? '(feature)' : zone;
      head.appendChild(z);
    }
    const body = $('properties-body');
    body.textContent = '';
    for (const p of current.description.properties) {
      const tr = document.createElement('tr');
      const name = document.createElement('th');
      name.textContent = p.name + (p.readOnly ? ' (read-only)' : '');
      name.title = typeText(p.type);
      tr.appendChild(name);
      for (const zone of current.zones) {
        const td = document.createElement('td');
        td.className = 'value';
        td.dataset.zone = zone;
        td.dataset.property = p.name;
        if (!p.readOnly) {
          td.onclick = (event) => { if (event.target === td || event.target.classList.contains('shown')) { edit(td, p); } };
        }
        tr.appendChild(td);
        showCell(td, current.state[zone] ? current.state[zone][p.name] : undefined);
      }
      body.appendChild(tr);
    }
  }

  function cell(zone, property) {
    return document.querySelector('#properties-body td[data-zone="' + CSS.escape(zone) + '"][data-property="' + CSS.escape(property) + '"]');
  }

  function showCell(td, entry) {
    if (td.querySelector('input')) {
      return; // being edited: the value shows when the edit ends
    }
    td.textContent = '';
    const shown = document.createElement('span');
    shown.className = 'shown';
    if (!entry) {
      shown.textContent = '—';
      td.appendChild(shown);
      return;
    }
    shown.textContent = formatValue(entry.value);
    td.dataset.availability = entry.availability;
    td.dataset.value = JSON.stringify(entry.value);
    td.title = entry.availability + (entry.reason ? ': ' + entry.reason : '') + (entry.constraint ? ' · constraint ' + entry.constraint : '');
    td.appendChild(shown);
    if (entry.constraint) {
      const c = document.createElement('span');
      c.className = 'constraint';
      c.textContent = entry.constraint;
      td.appendChild(c);
    }
    if (entry.error) {
      const e = document.createElement('div');
      e.className = 'error';
      e.dataset.error = 'true';
      e.textContent = entry.error;
      td.appendChild(e);
    }
  }

  function entryOf(zone, property) {
    current.state[zone] = current.state[zone] || {};
    current.state[zone][property] = current.state[zone][property] || {};
    return current.state[zone][property];
  }

  function onValue(message) {
    if (!current || message.feature !== current.id) {
      return;
    }
    const entry = entryOf(message.zone, message.property);
    entry.value = message.value;
    delete entry.error;
    if (typeof message.value === 'number') {
      addSample(message.zone + '|' + message.property, message.value);
    }
    const td = cell(message.zone, message.property);
    if (td) {
      showCell(td, entry);
      td.classList.add('changed');
      setTimeout(() => td.classList.remove('changed'), 50);
    }
  }

  function onAvailability(message) {
    updateEntry(message, (entry) => {
      entry.availability = message.availability;
      entry.reason = message.reason;
    });
  }

  function onAttribute(message) {
    updateEntry(message, (entry) => {
      entry.constraint = message.constraint;
      entry.supported = message.supported;
    });
  }

  /** Applies an event to the shown feature's entry for its zone and property, and redraws its cell. */
  function updateEntry(message, apply) {
    if (!current || message.feature !== current.id) {
      return;
    }
    const entry = entryOf(message.zone, message.property);
    apply(entry);
    const td = cell(message.zone, message.property);
    if (td) {
      showCell(td, entry);
    }
  }

  function edit(td, property) {
    if (td.querySelector('input')) {
      return;
    }
    const entry = entryOf(td.dataset.zone, property.name);
    td.textContent = '';
    const input = document.createElement('input');
    input.className = 'editor';
    input.value = editText(entry.value);
    input.dataset.zone = td.dataset.zone;
    input.dataset.property = property.name;
    const constraint = document.createElement('span');
    constraint.className = 'constraint';
    constraint.textContent = entry.constraint || typeText(property.type);
    td.append(input, constraint);
    input.focus();
    input.select();
    const end = () => { input.remove(); showCell(td, entry); };
    input.onkeydown = (event) => {
      if (event.key === 'Escape') {
        end();
      } else if (event.key === 'Enter') {
        let value;
        try {
          value = parseInput(property.type, input.value);
        } catch (e) {
          entry.error = String(e.message || e);
          end();
          return;
        }
        input.disabled = true;
        request('set', { feature: current.id, zone: td.dataset.zone, property: property.name, value: value })
          .then(() => { delete entry.error; end(); })
          .catch((error) => {
            entry.error = error.code + ': ' + error.message + (error.constraint ? ' (constraint ' + error.constraint + ')' : '');
            end();
          });
      }
    };
    input.onblur = () => { if (!input.disabled) { end(); } };
  }

  function parseInput(type, text) {
    switch (type.type) {
      case 'int': case 'long': case 'double': {
        const n = Number(text.trim());
        return text.trim() === '' || Number.isNaN(n) ? text : n; // the gateway names a value that is no number
      }
      case 'bool': return text.trim() === 'true' ? true : text.trim() === 'false' ? false : text;
      case 'string': return text;
      case 'enum': return text.trim();
      default: return JSON.parse(text);
    }
  }

  function editText(value) {
    return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  }

  function formatValue(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (typeof value === 'number') {
      return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function typeText(type) {
    switch (type.type) {
      case 'enum': return type.name + ' ' + JSON.stringify(type.values);
      case 'set': return 'set of ' + typeText(type.element);
      case 'list': return 'list of ' + typeText(type.element);
      case 'record': return type.name + ' {' + Object.keys(type.fields).join(', ') + '}';
      default: return type.type;
    }
  }

  function showError(el, error) {
    el.textContent = error.code ? error.code + ': ' + error.message : String(error);
  }

  // ----- operations -----

  function renderOperations() {
    const box = $('operations');
    box.textContent = '';
    for (const op of current.description.operations) {
      const row = document.createElement('div');
      row.className = 'operation row';
      row.dataset.operation = op.name;
      const inputs = op.parameters.map((p) => {
        const input = document.createElement('input');
        input.placeholder = p.name + ': ' + typeText(p.type);
        return input;
      });
      const zone = zoneSelect();
      const button = document.createElement('button');
      button.textContent = op.name + '(' + op.parameters.map((p) => p.name).join(', ') + ')';
      const result = document.createElement('span');
      result.className = 'result';
      button.onclick = () => {
        let args;
        try {
          args = op.parameters.map((p, i) => parseInput(p.type, inputs[i].value));
        } catch (e) {
          result.textContent = String(e.message || e);
          result.className = 'result error';
          return;
        }
        result.textContent = '…';
        request('call', { feature: current.id, zone: zone.value, operation: op.name, arguments: args })
          .then((reply) => { result.className = 'result'; result.textContent = '→ ' + formatValue(reply.result); })
          .catch((error) => { result.className = 'result error'; showError(result, error); });
      };
      row.append(button, ...inputs, zone, result);
      box.appendChild(row);
    }
    if (current.description.operations.length === 0) {
      box.textContent = 'none';
    }
  }

  function zoneSelect() {
    const select = document.createElement('select');
    for (const zone of current.zones) {
      const option = document.createElement('option');
      option.value = zone;
      option.textContent = zone === '' ? '(feature)' : zone;
      select.appendChild(option);
    }
    select.hidden = current.zones.length < 2;
    return select;
  }

  // ----- signals -----

  function onSignal(message) {
    if (!current || message.feature !== current.id) {
      return;
    }
    const li = document.createElement('li');
    li.textContent = new Date().toLocaleTimeString() + ' ' + message.signal + (message.zone ? '@' + message.zone : '') + ' ' + formatValue(message.payload);
    const log = $('signals');
    log.insertBefore(li, log.firstChild);
    while (log.children.length > 200) {
      log.removeChild(log.lastChild);
    }
  }

  // ----- faults -----

  function renderFaults() {
    $('faults-panel').hidden = !current.description.simulator;
    const member = $('fault-member');
    member.textContent = '';
    for (const m of current.description.properties.concat(current.description.operations)) {
      const option = document.createElement('option');
      option.value = m.name;
      option.textContent = m.name;
      member.appendChild(option);
    }
    const zones = $('fault-zone');
    zones.replaceWith(Object.assign(zoneSelect(), { id: 'fault-zone' }));
    $('fault-zone').hidden = false;
  }

  $('fault-inject').onclick = () => {
    const args = $('fault-arguments').value.trim();
    request('fault', {
      feature: current.id, zone: $('fault-zone').value, member: $('fault-member').value, kind: $('fault-kind').value,
      arguments: args ? args.split(/\s+/) : []
    }).then((reply) => { $('fault-result').className = ''; $('fault-result').textContent = reply.result; })
      .catch((error) => { $('fault-result').className = 'error'; showError($('fault-result'), error); });
  };

  // ----- paging models -----

  function renderModels() {
    const models = current.description.models;
    $('models-panel').hidden = models.length === 0;
    const select = $('model-select');
    select.textContent = '';
    for (const m of models) {
      const option = document.createElement('option');
      option.value = m.name;
      option.textContent = m.name;
      select.appendChild(option);
    }
    $('model-items').querySelector('thead').textContent = '';
    $('model-items').querySelector('tbody').textContent = '';
    $('model-info').textContent = '';
    $('model-error').textContent = '';
  }

  function closeModel() {
    if (openModel) {
      request('closeModel', { model: openModel.handle }).catch(() => {});
      openModel = null;
    }
  }

  $('model-open').onclick = () => {
    closeModel();
    $('model-error').textContent = '';
    const query = $('model-query').value.trim();
    request('openModel', { feature: current.id, model: $('model-select').value, query: query || null, chunkSize: 20 })
      .then((reply) => {
        openModel = { handle: reply.model, size: reply.size, item: reply.item, loaded: 0 };
        const head = $('model-items').querySelector('thead');
        head.textContent = '';
        const tr = document.createElement('tr');
        for (const field of ['#'].concat(Object.keys(reply.item.fields || {}))) {
          const th = document.createElement('th');
          th.textContent = field;
          tr.appendChild(th);
        }
        head.appendChild(tr);
        $('model-items').querySelector('tbody').textContent = '';
        fetchMore();
      })
      .catch((error) => showError($('model-error'), error));
  };

  $('model-more').onclick = () => fetchMore();

  function fetchMore() {
    if (!openModel) {
      return;
    }
    const model = openModel;
    request('fetch', { model: model.handle, start: model.loaded, count: 20 }).then((reply) => {
      const body = $('model-items').querySelector('tbody');
      reply.items.forEach((item, i) => {
        const tr = document.createElement('tr');
        const index = document.createElement('td');
        index.textContent = String(reply.start + i);
        tr.appendChild(index);
        for (const field of Object.keys(model.item.fields || {})) {
          const td = document.createElement('td');
          td.textContent = formatValue(item[field]);
          tr.appendChild(td);
        }
        body.appendChild(tr);
      });
      model.loaded = reply.start + reply.items.length;
      model.size = reply.size;
      $('model-info').textContent = model.loaded + ' of ' + reply.size + (reply.canFetchMore ? ' (more)' : '');
    }).catch((error) => showError($('model-error'), error));
  }

  function onModelChange(message) {
    if (openModel && message.model === openModel.handle) {
      $('model-info').textContent = openModel.loaded + ' loaded; ' + message.kind.toLowerCase() + ' at ' + message.index + ', size ' + message.size;
    }
  }

  // ----- plot -----

  function renderPlotChoices() {
    const select = $('plot-select');
    select.textContent = '';
    for (const p of current.description.properties) {
      if (!['int', 'long', 'double'].includes(p.type.type)) {
        continue;
      }
      for (const zone of current.zones) {
        const option = document.createElement('option');
        option.value = zone + '|' + p.name;
        option.textContent = p.name + (zone ? '@' + zone : '');
        select.appendChild(option);
        const entry = current.state[zone] && current.state[zone][p.name];
        if (entry && typeof entry.value === 'number') {
          addSample(zone + '|' + p.name, entry.value);
        }
      }
    }
  }

  function addSample(key, value) {
    const list = samples.get(key) || [];
    list.push([Date.now(), value]);
    while (list.length > 0 && list[0][0] < Date.now() - PLOT_WINDOW_MS - 5000) {
      list.shift();
    }
    samples.set(key, list);
  }

  function drawPlot() {
    const canvas = $('plot');
    const g = canvas.getContext('2d');
    g.clearRect(0, 0, canvas.width, canvas.height);
    const key = $('plot-select').value;
    const points = samples.get(key) || [];
    const now = Date.now();
    const from = now - PLOT_WINDOW_MS;
    const inWindow = points.filter((p) => p[0] >= from);
    const before = points.filter((p) => p[0] < from).pop();
    const series = (before ? [[from, before[1]]] : []).concat(inWindow);
    if (series.length === 0) {
      $('plot-legend').textContent = 'no values yet';
      return;
    }
    series.push([now, series[series.length - 1][1]]);
    let min = Math.min(...series.map((p) => p[1]));
    let max = Math.max(...series.map((p) => p[1]));
    if (min === max) {
      min -= 1;
      max += 1;
    }
    const x = (t) => 40 + (t - from) / PLOT_WINDOW_MS * (canvas.width - 50);
    const y = (v) => canvas.height - 20 - (v - min) / (max - min) * (canvas.height - 30);
    g.strokeStyle = '#d9dde3';
    g.fillStyle = '#5d6773';
    g.font = '11px system-ui';
    g.fillText(formatValue(max), 2, 14);
    g.fillText(formatValue(min), 2, canvas.height - 20);
    g.fillText('−60 s', 40, canvas.height - 4);
    g.fillText('now', canvas.width - 30, canvas.height - 4);
    g.beginPath();
    g.strokeStyle = '#2f6fba';
    g.lineWidth = 2;
    series.forEach((p, i) => {
      // a step line: a value holds until the next one
      if (i === 0) {
        g.moveTo(x(p[0]), y(p[1]));
      } else {
        g.lineTo(x(p[0]), y(series[i - 1][1]));
        g.lineTo(x(p[0]), y(p[1]));
      }
    });
    g.stroke();
    $('plot-legend').textContent = 'now ' + formatValue(series[series.length - 1][1]) + ' · ' + inWindow.length + ' changes in the last minute';
  }

  setInterval(() => { if (current) { drawPlot(); } }, 250);

  $('token-connect').onclick = () => {
    sessionStorage.setItem('ifw.token', $('token').value);
    if (socket) {
      socket.close();
    }
  };

  connect();
})();
